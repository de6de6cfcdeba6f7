package org.ncsha.monitor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.ha.PeerReport;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.HeartbeatMessage;
import org.ncsha.peer.PeerClient;
import org.ncsha.peer.PeerException;
import org.ncsha.security.AuthKeyStore;
import org.ncsha.store.HaStore;

/**
 * This node's side of the peer protocol: the heartbeat exchange each tick, with the pinned
 * certificate and the key-derived secret. A failed exchange is a missed heartbeat, never an error.
 */
@ApplicationScoped
public class PeerLink {
  private static final Logger LOG = Logger.getLogger(PeerLink.class.getName());

  @Inject NodeSettings node;
  @Inject HaStore store;

  private PeerClient client;
  private AuthKeyStore keys;
  private volatile String pinnedFingerprint;
  private volatile String lastFailure;
  private volatile String lastPeerWalPosition;

  @PostConstruct
  void init() {
    client = new PeerClient(node.hmPort(), node.peerTimeout());
    keys = AuthKeyStore.forNode(node.nodeDir());
    pinnedFingerprint = store.config().getPeerFingerprint();
  }

  public String ownAddress() {
    return node.address();
  }

  /** SHA-256 of this node's TLS certificate, written beside it when the node was created. */
  public String ownFingerprint() {
    try {
      return java.nio.file.Files.readString(node.etcDir().resolve("tls.fingerprint")).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot read this node's certificate fingerprint", e);
    }
  }

  /** The WAL position the peer reported in its last heartbeat answer. */
  public String lastPeerWalPosition() {
    return lastPeerWalPosition;
  }

  public PeerClient client() {
    return client;
  }

  public AuthKeyStore keys() {
    return keys;
  }

  /** The key-derived secret that signs peer messages; null while no key is set on this node. */
  public String peerSecret() {
    return keys.peerSecret().orElse(null);
  }

  public void pin(String fingerprint) {
    store.updateConfig(row -> row.setPeerFingerprint(fingerprint));
    pinnedFingerprint = fingerprint;
  }

  public String pinnedFingerprint() {
    return pinnedFingerprint;
  }

  public HeartbeatMessage ownHeartbeat(HaConfig config, HaState state, LocalHealth.Snapshot health) {
    return new HeartbeatMessage(
        node.address(), config.role().wireName(), state.displayName(),
        health.processesHealthy(), health.databaseHealthy(), health.walPosition());
  }

  /** Sends our heartbeat and returns the peer's, or null when this heartbeat is missed. */
  PeerReport exchangeHeartbeat(HaConfig config, HeartbeatMessage mine) {
    String secret = peerSecret();
    if (secret == null) {
      return missed("no authentication key is set on this node");
    }
    try {
      HeartbeatMessage theirs = client.heartbeat(config.peerAddress(), pinnedFingerprint, secret, mine);
      lastPeerWalPosition = theirs.walPosition;
      if (lastFailure != null) {
        LOG.info("Heartbeats with " + config.peerAddress() + " are answered again");
        lastFailure = null;
      }
      return new PeerReport(HaState.fromDisplayName(theirs.state), theirs.processesHealthy, theirs.databaseHealthy);
    } catch (PeerException | RuntimeException e) {
      return missed(e.getMessage());
    }
  }

  private PeerReport missed(String why) {
    // Log the first miss of an outage and changes of reason, not every tick of it.
    Level level = why.equals(lastFailure) ? Level.FINE : Level.WARNING;
    LOG.log(level, "Missed heartbeat: " + why);
    lastFailure = why;
    return null;
  }
}
