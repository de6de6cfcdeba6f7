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

  /**
   * Changes the key on this server, and first on the peer when HA is configured.
   *
   * @return the peer's address, or null when HA is not configured
   * @throws PeerException when the peer did not take the key; then nothing changed here
   */
  public String changeHere(String key) throws PeerException {
    String peerAddress = engine.config().peerAddress();
    if (peerAddress != null) {
      peer.changeKeyOnPeer(engine.config(), peer.ownHeartbeat(engine.config(), engine.status().state(), health.last(), engine.loopAge()), key);
    }
    apply(key, peerAddress == null ? "on this server" : "on this server and on " + peerAddress);
    return peerAddress;
  }

  /** The peer's {@link #changeHere} reaching this server. */
  public void changeAtPeersRequest(String key) {
    apply(key, "at the request of " + engine.config().peerAddress());
  }

  private void apply(String key, String why) {
    peer.changeKey(key.toCharArray(), engine.status().state().displayName(), why);
    try {
      database.refreshCredentials();
    } catch (RuntimeException e) {
      // The key itself is changed; replication reconnects once the database takes the password.
      LOG.log(Level.WARNING, "The database credentials could not be updated for the new key: " + e.getMessage(), e);
    }
  }
}
