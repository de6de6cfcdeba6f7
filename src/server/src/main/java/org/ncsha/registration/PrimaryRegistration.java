package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.ncsha.ha.HaState;
import org.ncsha.ha.PeerReport;
import org.ncsha.mail.EmailList;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.LocalDatabase;
import org.ncsha.monitor.PeerLink;
import org.ncsha.monitor.SecondaryRegistrar;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.CloneProgress;
import org.ncsha.peer.HelloMessage;
import org.ncsha.peer.PeerClient;
import org.ncsha.peer.PeerException;
import org.ncsha.peer.RegisterMessage;
import org.ncsha.security.AuthKeys;
import org.ncsha.store.HaStore;

/**
 * The primary's side of HA registration, milestone by milestone: Pre-HA Registration (key,
 * certificates, replication access, slot), Database Replication (the secondary copies the
 * database; real byte progress) and Post HA Registration (the secondary streams and syncs).
 */
@ApplicationScoped
public class PrimaryRegistration implements SecondaryRegistrar {
  static final String PRE = RegistrationProgress.MILESTONES.get(0);
  static final String DATABASE = RegistrationProgress.MILESTONES.get(1);
  static final String POST = RegistrationProgress.MILESTONES.get(2);
  /** Upper bound for the database copy: the guide's 125 GB over a fast link took about an hour. */
  static final Duration COPY_TIMEOUT = Duration.ofHours(2);
  static final Duration SYNC_TIMEOUT = Duration.ofSeconds(120);
  private static final long POLL_MILLIS = 1000;

  @Inject NodeSettings node;
  @Inject HaStore store;
  @Inject PeerLink peer;
  @Inject LocalDatabase database;
  @Inject RegistrationDesk desk;
  @Inject RegistrationProgress progress;
  @Inject org.ncsha.software.UpdateLedger software;

  @Override
  public void run(String secondary, HaEngine engine) throws Exception {
    RegistrationRequest request = desk.take();
    if (request == null || !request.secondary().equals(secondary)) {
      throw fail("no registration request from an administrator is waiting for " + secondary);
    }
    progress.start(secondary);
    try {
      String salt = peerSalt(secondary);
      String secret = AuthKeys.peerSecret(request.authKey(), salt);
      String pin = preRegistration(request, secret, salt, engine);
      copyDatabase(request, secret, pin);
      postRegistration(secondary, engine);
      progress.succeeded("Registration completed with secondary " + secondary);
    } catch (Exception e) {
      progress.failed(e.getMessage());
      throw e;
    } finally {
      request.wipe();
    }
  }

  /** The secondary's peer salt, which the pair's secret is derived with from now on. */
  private String peerSalt(String secondary) {
    try {
      return peer.client().peerSalt(secondary);
    } catch (PeerException e) {
      throw fail(e.getMessage());
    }
  }

  private String preRegistration(RegistrationRequest request, String secret, String salt, HaEngine engine)
      throws Exception {
    String secondary = request.secondary();
    progress.milestone(PRE, 10, "contacting the Health Monitor of " + secondary);
    HelloMessage mine = new HelloMessage();
    mine.address = node.address();
    mine.fingerprint = peer.ownFingerprint();
    mine.state = HaState.HA_INITIALIZING.displayName();
    mine.version = software.patchLevel();
    mine.failoverType = request.failoverType().wireName();
    PeerClient.Hello hello;
    try {
      hello = peer.client().hello(secondary, secret, mine);
    } catch (PeerException e) {
      throw fail(e.getMessage().contains("rejected the authentication key")
          ? "the authentication key does not match the one set on the secondary " + secondary
          : e.getMessage());
    }
    HelloMessage theirs = hello.message();
    if (!theirs.installedAsSecondary) {
      throw fail(secondary + " was not installed as an HA secondary (answer yes to \"Will this server be used as a secondary for HA?\" when installing it)");
    }
    if (!HaState.HA_NOT_CONFIGURED.displayName().equals(theirs.state)) {
      throw fail("the secondary " + secondary + " is in state " + theirs.state + ", not HA Not Configured");
    }
    if (!software.patchLevel().equals(theirs.version)) {
      throw fail("the secondary runs version " + theirs.version + " but this server runs " + software.patchLevel()
          + "; both servers must run the same version and patch level (Software Update on each server's pages)");
    }
    progress.milestone(PRE, 50, "the secondary answered and proved the authentication key");
    // The guide's "Remove HA During Upgrade": a freshly installed secondary comes with the key set
    // at its installation; registering with it changes the primary's.
    boolean keyChanged = peer.keys().isSet() && !peer.keys().verify(request.authKey());
    peer.setKey(request.authKey(), salt);
    if (keyChanged) {
      store.recordEvent(java.time.Instant.now(), engine.status().state().displayName(),
          "Primary Authentication Key was changed by Admin: registering " + secondary + " set the key entered for it");
    }
    peer.pin(hello.presentedFingerprint());
    store.updateConfig(row -> {
      row.setRegisteredAddress(node.address());
      row.setEmails(EmailList.format(request.emails()));
      row.setVirtualIpv4(request.virtualIpv4());
      row.setVirtualIpv6(request.virtualIpv6());
    });
    engine.reloadConfig();
    database.prepareFollower(secondary);
    progress.milestone(PRE, 100, "replication access and slot ready");
    return hello.presentedFingerprint();
  }

  private void copyDatabase(RegistrationRequest request, String secret, String pin) throws Exception {
    String secondary = request.secondary();
    progress.milestone(DATABASE, 0, "asking " + secondary + " to copy the database");
    CloneProgress copy = peer.client().post(secondary, pin, secret, "/api/peer/register",
        new RegisterMessage(node.address(), request.failoverType().wireName(), request.failbackType().wireName(),
            request.emails(), request.virtualIpv4(), request.virtualIpv6()), CloneProgress.class);
    Instant deadline = Instant.now().plus(COPY_TIMEOUT);
    while (!"done".equals(copy.status)) {
      if ("failed".equals(copy.status)) {
        throw fail("the database copy on the secondary failed: " + copy.detail);
      }
      if (Instant.now().isAfter(deadline)) {
        throw fail("the database copy did not finish within " + COPY_TIMEOUT.toMinutes() + " minutes");
      }
      if (copy.totalBytes > 0) {
        int percent = (int) Math.min(99, copy.doneBytes * 100 / copy.totalBytes);
        progress.milestone(DATABASE, percent, (copy.doneBytes / 1024) + " of " + (copy.totalBytes / 1024) + " kB copied");
      }
      Thread.sleep(POLL_MILLIS);
      copy = peer.client().post(secondary, pin, secret, "/api/peer/copy-progress", null, CloneProgress.class);
    }
    progress.milestone(DATABASE, 100, (copy.totalBytes / 1024) + " kB copied");
  }

  private void postRegistration(String secondary, HaEngine engine) throws Exception {
    progress.milestone(POST, 20, "waiting for the secondary to stream and report Secondary Syncing");
    Instant since = Instant.now();
    Instant deadline = since.plus(SYNC_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      // Only answers given after the copy count: an older one may still say HA Not Configured.
      PeerReport report = engine.peerReportSince(since);
      if (report != null && report.state() == HaState.SECONDARY_SYNCING && database.followerStreaming(secondary)) {
        progress.milestone(POST, 100, "the secondary is streaming");
        return;
      }
      if (report != null && report.state() == HaState.HA_NOT_CONFIGURED) {
        throw fail("the secondary went back to HA Not Configured");
      }
      Thread.sleep(POLL_MILLIS);
    }
    throw fail("the secondary did not reach Secondary Syncing within " + SYNC_TIMEOUT.toSeconds() + " s");
  }

  private static IllegalStateException fail(String reason) {
    return new IllegalStateException(reason);
  }
}
