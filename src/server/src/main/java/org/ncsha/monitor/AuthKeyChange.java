package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.peer.PeerException;

/**
 * {@code ncs ha authkey}: both servers must hold the same key, and the replication password is
 * derived from it. So the peer takes the new key first (signed with the old one), then this
 * server, and each rewrites its database credentials.
 */
@ApplicationScoped
public class AuthKeyChange {
  private static final Logger LOG = Logger.getLogger(AuthKeyChange.class.getName());

  @Inject PeerLink peer;
  @Inject HaEngine engine;
  @Inject LocalDatabase database;
  @Inject LocalHealth health;

  /** Set while this server's own key change waits for the peer: an offer from the peer then is refused. */
  private final java.util.concurrent.atomic.AtomicBoolean changing = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Changes the key on this server, and first on the peer when HA is configured. The peer keeps
   * the new key as an offer and takes it when this server's next message is signed with it; in
   * between, and for {@link org.ncsha.security.AuthKeyStore#GRACE} after, both servers accept
   * both keys, so no lost answer leaves them apart.
   *
   * @return the peer's address, or null when HA is not configured
   * @throws PeerException when the peer did not take the key; then nothing changed here
   * @throws IllegalStateException when a key change is already under way on this server
   */
  public String changeHere(String key) throws PeerException {
    if (!changing.compareAndSet(false, true)) {
      throw new IllegalStateException("A key change is already under way on this server: wait for it to finish");
    }
    try {
      String peerAddress = engine.config().peerAddress();
      if (peerAddress == null) {
        apply(key, null, "on this server");
        return null;
      }
      peer.changeKeyOnPeer(engine.config(), ownHeartbeat(), key);
      apply(key, null, "on this server and on " + peerAddress);
      // A heartbeat signed with the new key is what makes the peer take it: send one now rather
      // than at the next tick, so both use it when the administrator is told it is done.
      peer.exchangeHeartbeat(engine.config(), ownHeartbeat());
      return peerAddress;
    } finally {
      changing.set(false);
    }
  }

  /**
   * A replaced primary taking its pair's salt before the failback onto it: the pair's peer secret
   * is derived from the key with the secondary's salt (registration gave it to the old primary),
   * and the new primary, installed with a salt of its own, would reject every message the
   * secondary signs. Only a server without HA takes a salt this way.
   *
   * @throws IllegalStateException when HA is configured here, or a key change is under way
   */
  public void joinPairSalt(String key, String salt) {
    if (engine.config().peerAddress() != null) {
      throw new IllegalStateException("salt: only a server without HA takes its pair's salt (a replaced primary before"
          + " the failback onto it); this server is paired with " + engine.config().peerAddress());
    }
    if (!changing.compareAndSet(false, true)) {
      throw new IllegalStateException("A key change is already under way on this server: wait for it to finish");
    }
    try {
      apply(key, salt, "with the pair's salt, for the failback onto this replaced primary");
    } finally {
      changing.set(false);
    }
  }

  /**
   * The peer's {@link #changeHere} reaching this server: kept as an offer, taken when the peer
   * signs with it ({@link #takeOffered}).
   *
   * @return why it is refused, or null when it was kept
   */
  public String offerFromPeer(String key) {
    if (changing.get()) {
      // Both servers started a change at once: both refuse, and both keep the key they have.
      return "a key change started on this server is under way; nothing changed: change the key on one server only";
    }
    peer.offer(key.toCharArray());
    return null;
  }

  private org.ncsha.peer.HeartbeatMessage ownHeartbeat() {
    return peer.ownHeartbeat(engine.config(), engine.status().state(), health.last(), engine.loopAge());
  }

  /** The peer signed with the key it offered: this server takes it too. */
  public void takeOffered() {
    if (peer.takeOffered(engine.status().state().displayName(), "at the request of " + engine.config().peerAddress())) {
      refreshDatabaseCredentials();
    }
  }

  /** Sets the key here ({@code salt} null: this node's own) and rewrites the database credentials derived from it. */
  private void apply(String key, String salt, String why) {
    peer.changeKey(key.toCharArray(), salt, engine.status().state().displayName(), why);
    refreshDatabaseCredentials();
  }

  private void refreshDatabaseCredentials() {
    try {
      database.refreshCredentials();
    } catch (RuntimeException e) {
      // The key itself is changed; replication reconnects once the database takes the password.
      LOG.log(Level.WARNING, "The database credentials could not be updated for the new key: " + e.getMessage(), e);
    }
  }
}
