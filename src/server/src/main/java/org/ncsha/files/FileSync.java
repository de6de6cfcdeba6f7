package org.ncsha.files;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.ncsha.filesync.ChangeScope;
import org.ncsha.filesync.ClassDigests;
import org.ncsha.filesync.FileClass;
import org.ncsha.filesync.ManifestDiff;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.filesync.SyncPath;
import org.ncsha.filesync.TransferBatches;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.PeerLink;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.FileMessages;
import org.ncsha.peer.FileSyncLedger;
import org.ncsha.peer.PeerException;

/**
 * File synchronization: the server that serves writes sends its file area to the passive one
 * over the Health Monitors' signed HTTPS channel (a manifest of paths and hashes, then only
 * what differs, each file streamed with its hash); the passive one applies what arrives. The
 * direction follows the role, so after a failover the secondary sends. The watch on the
 * folders and the two timers of the guide decide when ({@link FileSyncTicker}).
 */
@ApplicationScoped
public class FileSync {
  private static final Logger LOG = Logger.getLogger(FileSync.class.getName());

  @Inject NodeSettings node;
  @Inject HaEngine engine;
  @Inject PeerLink link;
  @Inject FileSyncLedger ledger;
  @Inject org.ncsha.store.HaStore store;
  @Inject org.ncsha.mail.MailNotifier mail;

  private FileArea area;
  private final java.util.Set<String> tooLarge = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Batches sent at a time in a run of several. */
  static final int BATCHES_IN_FLIGHT = 2;
  /** Failed runs in a row before an event and a mail. */
  static final int FAILURES_BEFORE_ALARM = 3;

  private int failuresInARow;
  private volatile Instant lastSyncedAt;

  @PostConstruct
  void open() {
    area = new FileArea(node.nodeDir().resolve("files"), node.fileSyncMaxBytes());
    area.prepare();
  }

  public FileArea area() {
    return area;
  }

  /**
   * Whether this server is the source of the files now, with a registered peer to send to: it
   * serves writes, or hands them back in a failback (HaState.sendsFiles).
   */
  public boolean sends() {
    HaConfig config = engine.config();
    HaState state = engine.status().state();
    // The peer's certificate is pinned once registration has met it: before that there is no
    // channel to send on (and nothing has failed). Nor while the registration runs: the secondary
    // becomes this server's peer part way through it and refuses files until then (a 409 that
    // showed as a failing file sync on a healthy new pair); its completion starts the sending,
    // with a run over every class.
    return config.peerAddress() != null && link.pinnedFingerprint() != null
        && state != HaState.HA_INITIALIZING && state.sendsFiles(config.role());
  }

  /** What a timer's run covers: its schedule's classes, or every class while a failback hands the files back. */
  public List<FileClass> classesFor(FileClass.Schedule schedule) {
    return engine.status().state() == HaState.SECONDARY_FAILBACK ? List.of(FileClass.values()) : schedule.classes();
  }

  /**
   * Brings the peer's folders of these classes to this server's content; one run at a time.
   * Nothing happens on a server that does not send. A failure is kept for the status and
   * retried by the next run.
   */
  public synchronized void synchronize(ChangeScope scope, String why) {
    if (!sends()) {
      ledger.runEnded(0, null);
      return;
    }
    String peer = engine.config().peerAddress();
    Instant started = Instant.now();
    // What is left to send or delete; until this run compares, what the last one left.
    int pending = ledger.pendingFiles();
    try {
      // Listed with the hashes known already (size and time unchanged); the rest are hashed only
      // where the comparison needs them. A class whose hashes are all known travels as one digest.
      List<ManifestEntry> hereListed = area.manifest(scope, (path, size) -> false);
      reportLeftOut();
      java.util.Map<String, String> digests = ClassDigests.of(hereListed, scope.wholeClasses());
      FileMessages.Manifest there = link.client().post(peer, link.pinnedFingerprint(), link.peerSecret(),
          FileMessages.MANIFEST_PATH, new FileMessages.ManifestRequest(
              scope.wholeClasses().stream().map(FileClass::folder).toList(), List.copyOf(scope.entries()), digests),
          FileMessages.Manifest.class);
      // Classes the receiver has exactly as here: nothing of them to send or delete.
      List<String> unchanged = there.unchanged().stream().filter(digests::containsKey).toList();
      // Only what the scope covers: a receiver of an older version answers for whole classes, and
      // what lies outside the scope must not look deleted here.
      List<ManifestEntry> theirs = ClassDigests.without(there.entries(), unchanged).stream()
          .filter(e -> scope.covers(e.path())).toList();
      java.util.Map<String, Long> theirSizes = new java.util.HashMap<>();
      theirs.forEach(e -> theirSizes.put(e.path(), e.size()));
      // Hashed now only where the hash decides; what is sent anyway is hashed batch by batch.
      List<ManifestEntry> here = area.hashed(ClassDigests.without(hereListed, unchanged),
          e -> Long.valueOf(e.size()).equals(theirSizes.get(e.path())));
      ManifestDiff diff = ManifestDiff.between(here, theirs);
      pending = diff.pending();
      if (diff.isEmpty()) {
        done(scope, started, pending);
        return;
      }
      LOG.info("File sync (" + why + "): sending " + diff.send().size() + " and deleting " + diff.delete().size()
          + " file(s) on " + peer);
      // Deletions first: a file that became a folder of the same name (or the reverse) then has room.
      if (!diff.delete().isEmpty()) {
        link.client().post(peer, link.pinnedFingerprint(), link.peerSecret(), FileMessages.DELETE_PATH,
            new FileMessages.DeleteRequest(diff.delete()), Void.class);
        pending -= diff.delete().size();
      }
      List<ManifestEntry> sendable = new ArrayList<>();
      for (ManifestEntry e : diff.send()) {
        if (e.size() <= area.maxBytes()) {
          sendable.add(e);
        } else {
          // It can never travel: said once per file and size, and not counted as pending, so it
          // holds up neither the status nor a failback.
          if (tooLarge.add(e.path() + " " + e.size())) {
            String what = "File sync: " + e.path() + " is " + e.size() + " bytes, over the limit of " + area.maxBytes()
                + " bytes (filesync.max.file.bytes), and is not sent";
            LOG.warning(what);
            store.recordEvent(Instant.now(), engine.status().state().displayName(), what);
          }
          pending--;
        }
      }
      List<List<ManifestEntry>> batches = TransferBatches.split(sendable);
      org.ncsha.peer.PeerClient client = link.client();
      String fingerprint = link.pinnedFingerprint();
      String secret = link.peerSecret();
      List<SentBatch> answered = new ArrayList<>();
      // Two batches in flight when there are several: the next one streams while the receiver
      // flushes and renames the one before.
      try (InFlight<SentBatch> inFlight = new InFlight<>(batches.size() > 1 ? BATCHES_IN_FLIGHT : 1, "ncs-file-send")) {
        for (List<ManifestEntry> listed : batches) {
          // Each file read once, hashed as it is sent; a receiver of an older version needs the
          // hashes first, so there each file is read twice.
          BatchContent content = there.hashesAfterContent() ? area.contentHashedOnTheWay(listed)
              : area.content(area.hashed(listed));
          if (content.isEmpty()) {
            continue; // all deleted since the listing
          }
          FileMessages.FileBatch batch = new FileMessages.FileBatch(content.entries());
          answered.addAll(inFlight.start(() -> new SentBatch(client.sendFiles(peer, fingerprint, secret, batch,
              () -> content, content.hashing() ? content::hashes : null), content)));
        }
        answered.addAll(inFlight.finish());
      } finally {
        // What the receiver has taken is no longer pending, even when a later batch failed.
        for (SentBatch a : answered) {
          pending -= a.result().received();
        }
      }
      String refusal = answered.stream().map(a -> a.refusal(peer)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
      if (refusal != null) {
        failed(peer, why, refusal, pending);
        return;
      }
      done(scope, started, pending);
    } catch (PeerException | IOException | FileArea.Refused | IllegalArgumentException e) {
      failed(peer, why, e.getMessage(), pending);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed(peer, why, "interrupted while sending files", pending);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // What a batch sent on another thread could throw is one of the above.
      failed(peer, why, e.toString(), pending);
    }
  }

  /** A batch the receiver answered, with its content, which knows what could not be read as listed. */
  private record SentBatch(FileMessages.BatchResult result, BatchContent content) {
    /** Why files of the batch were refused, or null. */
    String refusal(String peer) {
      if (result.refused().isEmpty()) {
        return null;
      }
      FileMessages.Refusal first = result.refused().get(0);
      // Most often the file changed while it was sent: the next run sends it with its new hash.
      return result.refused().size() + " file(s) refused by " + peer + ", the first " + first.path() + ": "
          + first.message() + (content.problem() == null ? "" : " (here: " + content.problem() + ")");
    }
  }

  /**
   * A run that did not finish is retried by the next one. The log says so when the reason
   * changes (an outage of hours is not a line every 11 s); past {@link #FAILURES_BEFORE_ALARM}
   * failed runs in a row with a peer that answers heartbeats (a silent peer is the HA events'
   * business) it is an event and a mail, once, until a run succeeds again.
   */
  private void failed(String peer, String why, String error, int pending) {
    if (!error.equals(ledger.lastError())) {
      LOG.warning("File sync (" + why + ") to " + peer + " did not finish, trying again at the next run: " + error);
    }
    ledger.runEnded(pending, error);
    if (engine.missedHeartbeats() == 0 && ++failuresInARow == FAILURES_BEFORE_ALARM) {
      String what = "File sync to " + peer + " has failed " + FAILURES_BEFORE_ALARM + " times in a row: " + error;
      String state = engine.status().state().displayName();
      store.recordEvent(Instant.now(), state, what);
      mail.notify(state, what);
    }
  }

  private void done(ChangeScope scope, Instant started, int pending) {
    if (!scope.whole()) {
      // A run of a few changed entries says nothing of the rest: the totals, the last error and
      // the failures in a row are the whole-class runs' (the next near-real-time tick's).
      return;
    }
    if (failuresInARow >= FAILURES_BEFORE_ALARM) {
      store.recordEvent(Instant.now(), engine.status().state().displayName(),
          "File sync to " + engine.config().peerAddress() + " works again");
    }
    failuresInARow = 0;
    lastSyncedAt = Instant.now();
    ledger.runEnded(pending, null);
    // Only a comparison of every class whole proves the peer has every file (a failback waits for one).
    if (pending == 0 && scope.whole() && scope.wholeClasses().containsAll(List.of(FileClass.values()))) {
      ledger.completeRun(started);
    }
  }

  /** The receiving side: this server's manifest of the classes and entries a sender asks about. */
  public FileMessages.Manifest manifestForPeer(FileMessages.ManifestRequest request) throws IOException {
    refuseWhenSending();
    List<FileClass> classes = new ArrayList<>();
    for (String f : request.classes()) {
      classes.add(FileClass.ofFolder(f).orElseThrow(() -> new IllegalArgumentException("classes: no class folder " + f)));
    }
    // Each entry is a name directly in a class folder, checked as a path that may travel (no "..").
    for (int i = 0; i < request.entries().size(); i++) {
      String entry = request.entries().get(i);
      try {
        if (SyncPath.of(entry).path().split("/").length != 2) {
          throw new IllegalArgumentException("a file or folder directly in a class folder, was " + entry);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entries[" + i + "]: " + e.getMessage().replaceFirst("^path: ", ""), e);
      }
    }
    List<ManifestEntry> mine = area.manifest(new ChangeScope(classes.isEmpty() ? java.util.Set.of()
        : java.util.EnumSet.copyOf(classes), java.util.Set.copyOf(request.entries())));
    reportLeftOut();
    // Only digests of classes asked about whole: of another class this manifest holds nothing.
    java.util.Map<String, String> digests = new java.util.HashMap<>(request.digests());
    digests.keySet().retainAll(request.classes());
    java.util.Set<String> unchanged = ClassDigests.unchanged(digests, mine);
    return new FileMessages.Manifest(ClassDigests.without(mine, unchanged), List.copyOf(unchanged), true);
  }

  /** The receiving side: a batch of files from the sender, their hashes {@code announced} with them or after them. */
  public FileMessages.BatchResult receiveFromPeer(FileMessages.FileBatch batch, InputStream content,
      FileArea.Announced announced) throws FileArea.Refused, IOException {
    refuseWhenSending();
    FileArea.Received r = area.receive(batch.files(), content, announced);
    // A file of other content on the passive server (changed here by hand, or an older copy): said.
    r.replaced().forEach(path -> LOG.info("File sync: " + path + " replaced by the active server's copy"));
    r.refused().forEach((path, why) -> LOG.warning("File sync: refused " + path + " from the active server: " + why));
    // New files are the run's business; the sender logs how many it sends.
    LOG.fine(() -> "File sync: " + r.received().size() + " file(s) received from the active server");
    List<FileMessages.Refusal> refused = r.refused().entrySet().stream()
        .map(e -> new FileMessages.Refusal(e.getKey(), e.getValue())).toList();
    return new FileMessages.BatchResult(r.received().size(), refused);
  }

  /** The receiving side: files the sender no longer has. */
  public void deleteForPeer(List<String> paths) throws FileArea.Refused, IOException {
    refuseWhenSending();
    for (String p : paths) {
      if (area.delete(SyncPath.of(p))) {
        LOG.info("File sync: " + p + " deleted, as on the active server");
      }
    }
  }

  /** An event, once each while this server runs, for what the listings leave out (a name that cannot travel, a linked class folder). */
  private void reportLeftOut() {
    for (String sentence : area.newlyLeftOut()) {
      String what = "File sync: " + sentence;
      LOG.warning(what);
      store.recordEvent(Instant.now(), engine.status().state().displayName(), what);
    }
  }

  /** The server that serves writes is the source of truth: it never takes files from its peer. */
  private void refuseWhenSending() {
    if (engine.status().state().sendsFiles(engine.config().role())) {
      throw new IllegalStateException("This server serves writes and is the source of the synchronized files");
    }
  }

  /** {@code fileSync} of the status document. */
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    Map<String, String> modes = new LinkedHashMap<>();
    for (FileClass c : FileClass.values()) {
      modes.put(c.folder(), c.schedule() == FileClass.Schedule.NEAR_REAL_TIME ? "near-real-time" : "batch");
    }
    s.put("modes", modes);
    s.put("sending", sends());
    s.put("lastSyncedAt", lastSyncedAt == null ? null : lastSyncedAt.toString());
    s.put("pendingFiles", ledger.pendingFiles());
    s.put("lastError", ledger.lastError());
    return s;
  }

  /** The Health Monitor page's File Sync row: null (not shown) without HA. */
  public String summary() {
    String peer = engine.config().peerAddress();
    if (peer == null) {
      return null;
    }
    if (engine.status().state() == HaState.HA_INITIALIZING) {
      return "Starts once the registration with " + peer + " completes";
    }
    if (!sends()) {
      return "Receiving from " + peer + ", the active server";
    }
    Instant last = lastSyncedAt;
    String when = last == null ? "no run has finished yet"
        : "last run finished " + Math.max(0, java.time.Duration.between(last, Instant.now()).toSeconds()) + " s ago";
    String error = ledger.lastError();
    return "Sending to " + peer + ": " + ledger.pendingFiles() + " file(s) pending, " + when
        + (error == null ? "" : "; the last run failed: " + error);
  }

  public boolean failing() {
    return ledger.failing();
  }

  /** File sync as this server sees it, for the readiness check HA - FILE SYNC. */
  public org.ncsha.readiness.FileSyncFacts facts() {
    Instant last = lastSyncedAt;
    return new org.ncsha.readiness.FileSyncFacts(sends(), ledger.pendingFiles(), ledger.lastError(),
        last == null ? null : Math.max(0, java.time.Duration.between(last, Instant.now()).toSeconds()));
  }
}
