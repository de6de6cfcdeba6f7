package org.ncsha.software;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.ncsha.node.ProductVersion;
import org.ncsha.store.HaStore;
import org.ncsha.update.BundleCheck;
import org.ncsha.update.BundleManifest;
import org.ncsha.update.Version;

/**
 * Installs an uploaded bundle on this server: checks that it may (verified again, applicable,
 * allowed in this HA state and pair), stages its application, hands the install to the launcher
 * and has the server restarted. At the next start it records what the launcher did: Installed, or
 * Rolled back with the reason (docs/operations.md, "Software updates").
 */
@ApplicationScoped
public class UpdateInstaller {
  private static final Logger LOG = Logger.getLogger(UpdateInstaller.class.getName());

  @Inject BundleUploads uploads;
  @Inject UpdateLedger ledger;
  @Inject HaStore store;
  @Inject ServerRestart restart;
  /**
   * Looked up when an install asks for its restart: this bean is made at the application's start
   * ({@link #onStart}), before the EJB module's beans can be reached.
   */
  @Inject jakarta.enterprise.inject.Instance<RestartRequestWatch> watch;

  /** What this server runs: the application's version and the patches installed on it. */
  public BundleCheck.Installed installed() {
    return new BundleCheck.Installed(Version.parse("version", ProductVersion.current()), ledger.installedPatchIds());
  }

  /** The install the launcher has not done yet, if any. */
  public Optional<PendingInstall> pending() {
    Path file = uploads.area().pending();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      return Optional.of(PendingInstall.read(in));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warning("Cannot read " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Installs the uploaded bundle {@code patchId}: returns once the restart is under way. Refused,
   * with nothing changed, when it may not be installed here and now.
   */
  public synchronized PendingInstall install(String patchId) throws UpdateRefusedException, IOException {
    Optional<PendingInstall> running = pending();
    if (running.isPresent() && !abandoned(running.get())) {
      throw new UpdateRefusedException("An update (" + running.get().patchId() + ") is being installed on this server already");
    }
    BundleFile bundle = uploads.verified(patchId);
    BundleManifest m = bundle.manifest();
    List<String> problems = new ArrayList<>(BundleCheck.applicabilityProblems(m, installed()));
    // The state the Health Monitor stored at its last transition.
    var state = org.ncsha.ha.HaState.fromDisplayName(store.config().getState());
    BundleCheck.stateProblem(state).ifPresent(problems::add);
    BundleCheck.haProblem(m, state.haConfigured()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new UpdateRefusedException(problems);
    }
    SoftwareArea area = uploads.area();
    try {
      stage(bundle, area.staged());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UpdateRefusedException("patchId: the uploaded file of " + patchId + " was deleted while it was being"
          + " installed; nothing was installed");
    }
    PendingInstall install = PendingInstall.of(m, ProductVersion.current());
    Path partial = area.pending().resolveSibling("pending.properties.part");
    Files.writeString(partial, install.text(), StandardCharsets.ISO_8859_1);
    Files.move(partial, area.pending(), StandardCopyOption.ATOMIC_MOVE);
    store.recordEvent(Instant.now(), state.displayName(), "Installing update " + m.patchId() + " (" + m.name() + " "
        + m.version() + ", this server runs " + ProductVersion.current() + "): ncs-ha stops now and starts again with it;"
        + " the version it runs now is kept to roll back to");
    try {
      if (restart.request()) {
        watchTheRequest(m.patchId());
      }
    } catch (IOException e) {
      // The event above said it stops now: this one says it did not.
      String why = "The server could not be restarted for the update, nothing was installed: " + e.getMessage();
      withdraw(install, "The install of update " + m.patchId() + " was withdrawn. " + why);
      throw new UpdateRefusedException(why);
    }
    return install;
  }

  /** The restart is asked for by now: a watch that cannot be set up is a warning, not a failed install. */
  private void watchTheRequest(String patchId) {
    try {
      watch.get().watch(patchId);
    } catch (RuntimeException e) {
      LOG.warning("The restart into update " + patchId + " was asked for, but nothing will look whether it is taken"
          + " (if it is not, the next Install drops it after " + RESTART_BEGINS_WITHIN.toMinutes() + " minutes): " + e);
    }
  }

  /** How long a restart into an update may take to begin before the install counts as abandoned. */
  static final java.time.Duration RESTART_BEGINS_WITHIN = java.time.Duration.ofMinutes(10);

  /**
   * Whether a pending install never began: this server still runs the version it was to replace,
   * long after the restart was asked for (under systemd without the ncs-ha-update.path unit, say).
   * It is dropped, with an event, so that it does not block every later install.
   */
  private boolean abandoned(PendingInstall install) throws IOException {
    Path file = uploads.area().pending();
    Instant asked = Files.getLastModifiedTime(file).toInstant();
    if (!install.fromVersion().equals(ProductVersion.current()) || asked.plus(RESTART_BEGINS_WITHIN).isAfter(Instant.now())) {
      return false;
    }
    withdraw(install, "The install of update " + install.patchId() + " asked for at " + asked + " never began: the server was not"
        + " restarted (under systemd the ncs-ha-update.path unit restarts it; docs/install.md); dropped");
    return true;
  }

  /**
   * {@link RestartRequestWatch}'s look: when systemd's request for the restart into update
   * {@code patchId} is still there, no unit acts on it. The request and the install are withdrawn
   * (the request first: a unit that takes it from now on finds none), with an event and a
   * warning, so that the page's "restarts now" does not stay unanswered and the next Install is
   * not refused as under way.
   */
  public synchronized void restartNotTaken(String patchId) {
    try {
      if (!Files.deleteIfExists(restart.systemdRequest())) {
        return;
      }
      Optional<PendingInstall> install = pending();
      if (install.isEmpty()) {
        return;
      }
      withdraw(install.get(), "The install of update " + patchId + " was withdrawn, nothing was installed: nothing restarted ncs-ha"
          + " within " + RestartRequestWatch.TAKEN_WITHIN.toSeconds() + " s of its request. The ncs-ha-update.path unit"
          + " restarts it: systemctl enable --now ncs-ha-update.path (docs/install.md), then Install again");
    } catch (IOException e) {
      LOG.warning("Cannot withdraw the install of update " + patchId + " whose restart nothing took: " + e.getMessage());
    }
  }

  /**
   * Drops the pending install and its staged application, saying why in the log, the events and
   * a Withdrawn row of the Status of Updates (where a rolling update sees it).
   */
  private void withdraw(PendingInstall install, String why) throws IOException {
    Files.deleteIfExists(uploads.area().pending());
    Files.deleteIfExists(uploads.area().staged());
    LOG.warning(why);
    Instant now = Instant.now();
    ledger.record(new UpdateRecord(install, UpdateRecord.WITHDRAWN, now, why));
    store.recordEvent(now, store.config().getState(), why);
  }

  /** Extracts the bundle's application to {@code target}, checking its SHA-256 on the way. */
  private static void stage(BundleFile bundle, Path target) throws IOException, UpdateRefusedException {
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    String expected = bundle.manifest().parts().get(BundleManifest.APPLICATION);
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle.file()))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.getName().equals(BundleManifest.APPLICATION)) {
          MessageDigest digest = org.ncsha.security.Sha256.digest();
          try (OutputStream out = Files.newOutputStream(partial)) {
            new DigestInputStream(zip, digest).transferTo(out);
          }
          if (!org.ncsha.security.Sha256.hex(digest).equals(expected)) {
            Files.deleteIfExists(partial);
            throw new UpdateRefusedException("part." + BundleManifest.APPLICATION + ": changed on disk since it was verified");
          }
          Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return;
        }
      }
    }
    throw new UpdateRefusedException("part." + BundleManifest.APPLICATION + ": not in the bundle any more");
  }

  /**
   * At start: an install that this start completes, or that the launcher rolled back, becomes a
   * row of the table and an event. Running the pending version is the proof of an install; the
   * launcher writes a file only when it rolled back ({@link SoftwareArea#rolledBack}).
   */
  public void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    SoftwareArea area = uploads.area();
    try {
      if (Files.exists(area.rolledBack())) {
        String text = Files.readString(area.rolledBack(), StandardCharsets.ISO_8859_1);
        java.util.Properties fields = new java.util.Properties();
        fields.load(new StringReader(text));
        record(PendingInstall.read(new StringReader(text)), false, fields.getProperty("reason", ""));
        Files.delete(area.rolledBack());
      } else {
        Optional<PendingInstall> install = pending();
        if (install.isPresent() && install.get().version().equals(ProductVersion.current())) {
          record(install.get(), true, "version " + ProductVersion.current() + " started");
          // The pending file first: a start cut short between the two must not find an install
          // pending whose staged application is gone (the launcher would call it rolled back).
          Files.deleteIfExists(area.pending());
          Files.deleteIfExists(area.staged());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning("Cannot record the outcome of the last update install (" + area.dir() + "): " + e.getMessage());
    }
  }

  private void record(PendingInstall install, boolean installed, String reason) {
    Instant now = Instant.now();
    // The stored state: at the application's start the Health Monitor's loop (an EJB) is not up yet.
    String state = store.config().getState();
    if (installed) {
      ledger.record(new UpdateRecord(install, UpdateRecord.INSTALLED, now, reason));
      store.recordEvent(now, state, "ncs-ha started with version " + install.version() + ": update " + install.patchId()
          + " installed (was " + install.fromVersion() + ")");
    } else {
      ledger.record(new UpdateRecord(install, UpdateRecord.ROLLED_BACK, now, reason));
      store.recordEvent(now, state, "Update " + install.patchId() + " (" + install.version() + ") failed and was rolled back: "
          + reason + "; ncs-ha started again with version " + ProductVersion.current());
    }
  }
}
