package org.ncsha.files;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.ncsha.filesync.FileClass;
import org.ncsha.filesync.ManifestDiff;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.filesync.SyncPath;
import org.ncsha.ha.HaConfig;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.PeerLink;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.FileMessages;
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

  private FileArea area;
  private volatile int pending;
  private volatile String lastError;
  private volatile Instant lastSyncedAt;

  @PostConstruct
  void open() {
    area = new FileArea(node.nodeDir().resolve("files"), node.fileSyncMaxBytes());
    area.prepare();
  }

  public FileArea area() {
    return area;
  }

  /** Whether this server is the source of the files now: it serves writes, with a peer to send to. */
  public boolean sends() {
    HaConfig config = engine.config();
    return config.peerAddress() != null && engine.status().state().servesWrites(config.role());
  }

  /**
   * Brings the peer's folders of these classes to this server's content; one run at a time.
   * Nothing happens on a server that does not send. A failure is kept for the status and
   * retried by the next run.
   */
  public synchronized void synchronize(Collection<FileClass> classes, String why) {
    if (!sends()) {
      pending = 0;
      return;
    }
    String peer = engine.config().peerAddress();
    try {
      List<ManifestEntry> here = area.manifest(classes);
      FileMessages.Manifest there = link.client().post(peer, link.pinnedFingerprint(), link.peerSecret(),
          FileMessages.MANIFEST_PATH, new FileMessages.ManifestRequest(classes.stream().map(FileClass::folder).toList()),
          FileMessages.Manifest.class);
      ManifestDiff diff = ManifestDiff.between(here, there.entries());
      pending = diff.pending();
      if (diff.isEmpty()) {
        done();
        return;
      }
      LOG.info("File sync (" + why + "): sending " + diff.send().size() + " and deleting " + diff.delete().size()
          + " file(s) on " + peer);
      for (ManifestEntry e : diff.send()) {
        if (e.size() > area.maxBytes()) {
          LOG.warning("File sync: " + e.path() + " is " + e.size() + " bytes, over the limit of " + area.maxBytes()
              + " (filesync.max.file.bytes): not sent");
          continue;
        }
        link.client().sendFile(peer, link.pinnedFingerprint(), link.peerSecret(), new FileMessages.FileHeader(e.path(),
            e.size(), e.sha256()), area.file(SyncPath.of(e.path())));
        pending--;
      }
      if (!diff.delete().isEmpty()) {
        link.client().post(peer, link.pinnedFingerprint(), link.peerSecret(), FileMessages.DELETE_PATH,
            new FileMessages.DeleteRequest(diff.delete()), Void.class);
        pending -= diff.delete().size();
      }
      done();
    } catch (PeerException | IOException | FileArea.Refused | IllegalArgumentException e) {
      lastError = e.getMessage();
      LOG.warning("File sync (" + why + ") to " + peer + " did not finish, trying again at the next run: " + e.getMessage());
    }
  }

  private void done() {
    Instant now = Instant.now();
    lastSyncedAt = now;
    lastError = null;
  }

  /** The receiving side: this server's manifest of the classes a sender asks about. */
  public List<ManifestEntry> manifestForPeer(List<String> folders) throws IOException {
    refuseWhenSending();
    List<FileClass> classes = new ArrayList<>();
    for (String f : folders) {
      classes.add(FileClass.ofFolder(f).orElseThrow(() -> new IllegalArgumentException("classes: no class folder " + f)));
    }
    return area.manifest(classes);
  }

  /** The receiving side: one file from the sender. */
  public void receiveFromPeer(FileMessages.FileHeader header, InputStream content) throws FileArea.Refused, IOException {
    refuseWhenSending();
    SyncPath path = SyncPath.of(header.path());
    if (area.receive(path, content, header.size(), header.sha256())) {
      LOG.info("File sync: " + path + " replaced by the active server's copy");
    } else {
      LOG.info("File sync: " + path + " received from the active server");
    }
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

  /** The server that serves writes is the source of truth: it never takes files from its peer. */
  private void refuseWhenSending() {
    if (engine.status().state().servesWrites(engine.config().role())) {
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
    s.put("pendingFiles", pending);
    s.put("lastError", lastError);
    return s;
  }

  public int pendingFiles() {
    return pending;
  }
}
