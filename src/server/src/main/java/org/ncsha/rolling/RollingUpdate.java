package org.ncsha.rolling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.ha.Command;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.PeerLink;
import org.ncsha.node.ProductVersion;
import org.ncsha.peer.PeerCommandMessage;
import org.ncsha.peer.PeerException;
import org.ncsha.peer.SoftwareMessages;
import org.ncsha.software.BundleFile;
import org.ncsha.software.BundleUploads;
import org.ncsha.software.UpdateInstaller;
import org.ncsha.software.UpdateLedger;
import org.ncsha.software.UpdateRefusedException;
import org.ncsha.store.HaStore;
import org.ncsha.update.BundleCheck;
import org.ncsha.update.BundleManifest;
import org.ncsha.update.RollingProgress;
import org.ncsha.update.RollingRules;
import org.ncsha.update.RollingStep;

/**
 * Runs a rolling update from the primary, one step at a time on an EJB timer: the secondary is
 * updated first, the pair switches over to it without losing a write (Force Failover, whose
 * promotion waits for the last WAL), the primary is updated while the secondary serves, and the
 * pair switches back (failback). What to do next is {@link RollingRules}'; this bean only looks
 * and acts. Its progress is a file, so that it goes on after the primary's own restart.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RollingUpdate {
  private static final Logger LOG = Logger.getLogger(RollingUpdate.class.getName());
  private static final long TICK_MILLIS = 1000;

  @Resource TimerService timers;
  @Inject HaEngine engine;
  @Inject PeerLink peer;
  @Inject BundleUploads uploads;
  @Inject UpdateInstaller installer;
  @Inject UpdateLedger ledger;
  @Inject HaStore store;

  /** One tick or start at a time; a start does not wait behind a tick that sends the bundle. */
  private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
  /** An action not taken is started again no sooner than this (guarded by {@link #lock}). */
  private Instant nextAttempt = Instant.EPOCH;
  private static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(2);

  @PostConstruct
  void resume() {
    if (current().filter(RollingProgress::running).isPresent()) {
      LOG.info("Resuming the rolling update recorded in " + file());
      schedule();
    }
  }

  /** The rolling update running, or the last one, as recorded. */
  public Optional<RollingProgress> current() {
    try {
      return Optional.of(RollingProgress.parse(Files.readString(file(), StandardCharsets.ISO_8859_1)));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      LOG.warning("Cannot read " + file() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Starts a rolling update to the uploaded bundle {@code patchId}; refused, with nothing changed,
   * unless the bundle allows it, applies here, and the pair is Primary Active with Secondary Syncing.
   */
  public RollingProgress start(String patchId) throws UpdateRefusedException, IOException {
    if (!lock.tryLock()) {
      throw new UpdateRefusedException("A rolling update is running already; wait for it to end (its steps are on the"
          + " Software Update page)");
    }
    try {
      BundleManifest m = uploads.verified(patchId).manifest();
      List<String> problems = new ArrayList<>(BundleCheck.applicabilityProblems(m, installer.installed()));
      HaEngine.PairView pairNow = engine.pairView(recent());
      String pair = RollingRules.startProblem(m, pairNow.own(), pairNow.peer(),
          current().filter(RollingProgress::running).isPresent());
      if (pair != null) {
        problems.add(pair);
      }
      if (!problems.isEmpty()) {
        throw new UpdateRefusedException(problems);
      }
      RollingProgress p = RollingProgress.start(patchId, m.version().toString(), ProductVersion.current(), Instant.now());
      save(p);
      event("Rolling update to " + m.version() + " (" + patchId + ") started: the secondary first, then a switchover,"
          + " then this server, then a switch back");
      schedule();
      return p;
    } finally {
      lock.unlock();
    }
  }

  /** One timer: one left by an update that just ended is cancelled first. */
  private void schedule() {
    timers.getTimers().forEach(Timer::cancel);
    timers.createIntervalTimer(0, TICK_MILLIS, new TimerConfig("rolling-update", false));
  }

  @Timeout
  void tick(Timer timer) {
    if (!lock.tryLock()) {
      return; // the tick before still acts (a send takes seconds)
    }
    try {
      Optional<RollingProgress> p = current();
      if (p.isEmpty() || !p.get().running()) {
        timer.cancel();
        return;
      }
      advance(p.get());
    } catch (RuntimeException e) {
      // The next tick looks again; a step that cannot end stops at its time limit.
      LOG.log(Level.WARNING, "Rolling update: a step could not be taken", e);
    } finally {
      lock.unlock();
    }
  }

  private void advance(RollingProgress p) {
    Instant now = Instant.now();
    RollingRules.Move move = RollingRules.next(p, view(p), now);
    if (move instanceof RollingRules.Act act) {
      if (now.isBefore(nextAttempt)) {
        return; // an action not taken is tried again every few seconds, not every tick
      }
      act(p, act.step());
    } else if (move instanceof RollingRules.StepDone) {
      stepDone(p, now);
    } else if (move instanceof RollingRules.Wait wait) {
      if (!wait.what().equals(p.message())) {
        save(p.waiting(wait.what()));
      }
    } else if (move instanceof RollingRules.Fail fail) {
      fail(p, fail.why());
    }
  }

  /** Each action is started once: recorded first, so that a restart in the middle does not start it again. */
  private void act(RollingProgress p, RollingStep step) {
    RollingProgress acting = p.acting(step.displayName() + ": started");
    save(acting);
    try {
      switch (step) {
        case SEND_BUNDLE -> {
          sendBundle(p.patchId());
          stepDone(acting, Instant.now());
        }
        case UPDATE_SECONDARY -> peerCall(SoftwareMessages.INSTALL_PATH, new SoftwareMessages.InstallRequest(p.patchId()));
        case SWITCH_TO_SECONDARY -> engine.submit(new Command.ForceFailover());
        case UPDATE_PRIMARY -> installer.install(p.patchId());
        case SWITCH_BACK -> peerCall("/api/peer/command", PeerCommandMessage.failback());
      }
    } catch (PeerException | CommandRefusedException | UpdateRefusedException | IOException | RuntimeException e) {
      String cause = e.getMessage() == null ? e.toString() : e.getMessage();
      if (RollingRules.retried(step, e instanceof UpdateRefusedException)) {
        RollingProgress again = acting.retrying(cause);
        if (!again.message().equals(p.message())) {
          LOG.info("Rolling update: \"" + step.displayName() + "\" " + again.message());
        }
        nextAttempt = Instant.now().plus(RETRY_AFTER);
        save(again);
      } else {
        fail(acting, "Stopped at \"" + step.displayName() + "\": " + cause + "; " + RollingRules.stillServing(step, p));
      }
    }
  }

  private void stepDone(RollingProgress p, Instant now) {
    RollingProgress next = p.stepDone(now);
    save(next);
    event("Rolling update to " + p.targetVersion() + ": \"" + p.step().displayName() + "\" done"
        + (next.running() ? "" : "; " + next.message()));
  }

  private void fail(RollingProgress p, String why) {
    save(p.failed(why));
    LOG.warning("Rolling update: " + why);
    event("Rolling update to " + p.targetVersion() + " stopped. " + why);
  }

  /** What the rules look at, the pair's two states taken together from the Health Monitor's loop. */
  private RollingRules.View view(RollingProgress p) {
    HaEngine.PairView pair = engine.pairView(recent());
    RollingRules.Software peer = p.step() == RollingStep.UPDATE_SECONDARY ? peerSoftware(p.patchId()) : null;
    return new RollingRules.View(pair.own(), pair.peer(), ledger.software(p.patchId()), peer);
  }

  /** A peer answer counts when it came within the last three heartbeats. */
  private Instant recent() {
    return Instant.now().minus(engine.heartbeatInterval().multipliedBy(3));
  }

  private RollingRules.Software peerSoftware(String patchId) {
    try {
      return peer.client().post(peerAddress(), peer.pinnedFingerprint(), peer.peerSecret(), SoftwareMessages.STATUS_PATH,
          new SoftwareMessages.InstallRequest(patchId), SoftwareMessages.SoftwareStatus.class).software();
    } catch (PeerException e) {
      return null; // restarting
    }
  }

  private void sendBundle(String patchId) throws PeerException, UpdateRefusedException, IOException {
    BundleFile bundle = uploads.verified(patchId);
    Path file = bundle.file();
    SoftwareMessages.BundleOffer offer = new SoftwareMessages.BundleOffer(patchId,
        org.ncsha.security.Sha256.of(file), Files.size(file));
    try (InputStream in = Files.newInputStream(file)) {
      // Closed here whether the send ends, fails or times out.
      peer.client().sendStream(peerAddress(), peer.pinnedFingerprint(), peer.peerSecret(), SoftwareMessages.BUNDLE_PATH,
          offer, () -> in, offer.size(), SoftwareMessages.Reply.class);
    }
  }

  private void peerCall(String path, Object body) throws PeerException {
    peer.client().post(peerAddress(), peer.pinnedFingerprint(), peer.peerSecret(), path, body, SoftwareMessages.Reply.class);
  }

  private String peerAddress() {
    return engine.config().peerAddress();
  }

  private Path file() {
    return uploads.area().rolling();
  }

  private void save(RollingProgress p) {
    Path file = file();
    try {
      org.ncsha.security.SecureFiles.write(file, p.toText().getBytes(StandardCharsets.ISO_8859_1), null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the rolling update's progress in " + file, e);
    }
  }

  private void event(String description) {
    store.recordEvent(Instant.now(), engine.status().state().displayName(), description);
  }
}
