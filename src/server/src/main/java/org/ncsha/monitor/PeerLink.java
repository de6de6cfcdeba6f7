package org.ncsha.monitor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.ha.PeerContact;
import org.ncsha.ha.PeerReport;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.HeartbeatMessage;
import org.ncsha.peer.HelloMessage;
import org.ncsha.peer.PeerClient;
import org.ncsha.peer.PeerException;
import org.ncsha.security.AuthKeyStore;
import org.ncsha.store.HaStore;
import org.ncsha.node.ProductVersion;

/**
 * This node's side of the peer protocol: the heartbeat exchange each tick, with the pinned
 * certificate and the key-derived secret. Silence is a missed heartbeat; an answer that cannot be
 * trusted is an alarm (see {@link PeerContact}); neither is an error.
 */
@ApplicationScoped
public class PeerLink {
  private static final Logger LOG = Logger.getLogger(PeerLink.class.getName());

  @Inject NodeSettings node;
  @Inject HaStore store;

  /** Package-private: the unit tests give the link a fake client. */
  PeerClient client;
  private AuthKeyStore keys;
  private volatile String pinnedFingerprint;
  private volatile String lastFailure;
  private volatile String trustProblem;
  private volatile String lastPeerWalPosition;
  /** The state the peer named in every answer since {@link #peerStateSince}; reset by a miss. */
  private HaState lastPeerState;
  private java.time.Instant peerStateSince;
  /** The clock for {@link #seenInState}: a test moves it. */
  java.time.Clock clock = java.time.Clock.systemUTC();
  private volatile int keyGeneration;

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

  /** The secret a peer request was signed with, and whether it is the key the peer offered. */
  public record RequestKey(String secret, boolean offered) {
    @Override
    public String toString() {
      return "RequestKey[offered=" + offered + "]";
    }
  }

  /**
   * The secret a peer request names by its key id: this server's own, the one it replaced (while
   * the grace lasts), or the one the peer offered in a key change (which the caller takes once
   * the signature holds). Unknown ids get this server's own, which fails. One read of the key file.
   */
  public RequestKey keyForRequest(String keyId) {
    AuthKeyStore.Accepted accepted = keys.accepted(java.time.Instant.now());
    String current = accepted.current();
    if (keyId != null && current != null && !keyId.equals(org.ncsha.peer.PeerSignature.keyId(current))) {
      if (accepted.previous() != null && keyId.equals(org.ncsha.peer.PeerSignature.keyId(accepted.previous()))) {
        return new RequestKey(accepted.previous(), false);
      }
      if (accepted.pending() != null && keyId.equals(org.ncsha.peer.PeerSignature.keyId(accepted.pending()))) {
        return new RequestKey(accepted.pending(), true);
      }
    }
    return new RequestKey(current, false);
  }

  /** Increases with every key change, so that remembered logins of an old key lapse. */
  public int keyGeneration() {
    return keyGeneration;
  }

  /** Sets this node's authentication key, keeping the pair's salt. */
  public void setKey(char[] key) {
    setKey(key, null);
  }

  /**
   * Sets this node's authentication key with the given salt (registration: the key the
   * administrator entered, under the secondary's salt); null keeps this node's. Not under this
   * link's lock: the key's hashing takes seconds on a busy server, and the heartbeats (which
   * take that lock) must go on meanwhile, or the peer counts them missed and fails over.
   */
  public void setKey(char[] key, String salt) {
    String before = peerSecret();
    keys.set(key, salt);
    // Only a different key ends the logins made with the old one (registration sets the key
    // again, usually the same).
    if (!java.util.Objects.equals(before, peerSecret())) {
      synchronized (this) {
        keyGeneration++;
      }
    }
  }

  /** Keeps the key the peer offered, to be taken when the peer signs with it. */
  public void offer(char[] key) {
    keys.offer(key, java.time.Instant.now());
  }

  /**
   * Takes the key the peer offered, now that the peer signed with it, and says so in the event
   * log; false when there was nothing (left) to take.
   */
  public synchronized boolean takeOffered(String state, String why) {
    if (!keys.promotePending(java.time.Instant.now())) {
      return false;
    }
    keyGeneration++;
    announceKeyChange(state, why);
    return true;
  }

  /** Says in the log and the event log that the key changed (never the key itself). */
  private void announceKeyChange(String state, String why) {
    LOG.info("The authentication key was changed " + why);
    store.recordEvent(java.time.Instant.now(), state, "Authentication key updated " + why);
  }

  /**
   * Sets this node's authentication key, with {@code salt} as in {@link #setKey(char[], String)},
   * and says so in the event log (never the key itself).
   */
  public void changeKey(char[] key, String salt, String state, String why) {
    setKey(key, salt);
    announceKeyChange(state, why);
  }

  /**
   * Gives the peer the new key, signed with the current one over the pinned connection: both
   * servers must hold the same key, so this node changes its own only after the peer took it.
   */
  public void changeKeyOnPeer(HaConfig config, HeartbeatMessage mine, String newKey) throws PeerException {
    String secret = peerSecret();
    if (secret == null) {
      throw new PeerException("no authentication key is set on this node");
    }
    try {
      new PeerClient(node.hmPort(), KEY_CHANGE_TIMEOUT).post(config.peerAddress(), pinnedFingerprint, secret,
          "/api/peer/authkey", new org.ncsha.peer.AuthKeyMessage(newKey), Void.class);
    } catch (PeerException e) {
      // No answer is not a refusal: had the peer taken the key after all, keeping the old one
      // here would leave two servers that reject each other's heartbeats.
      if (!e.certificateChanged() && peerHoldsKey(config, mine, newKey)) {
        LOG.warning("The peer's answer to the key change was lost (" + e.getMessage() + "), but "
            + config.peerAddress() + " holds the new key: taking it here too");
        return;
      }
      throw e;
    }
  }

  /**
   * The peer hashes the new key twice (PBKDF2, 600,000 rounds each) before it answers: seconds on
   * a busy server.
   */
  public static final java.time.Duration KEY_CHANGE_TIMEOUT = java.time.Duration.ofSeconds(30);

  /**
   * Whether the peer answers a heartbeat signed with the secret of the given key; a peer that
   * holds it as an offer takes it on that very heartbeat.
   */
  private boolean peerHoldsKey(HaConfig config, HeartbeatMessage mine, String key) {
    String secret = keys.secretFor(key.toCharArray());
    try {
      client.heartbeat(config.peerAddress(), pinnedFingerprint, secret, mine);
      return true;
    } catch (PeerException | RuntimeException e) {
      return false;
    }
  }

  public void pin(String fingerprint) {
    store.updateConfig(row -> row.setPeerFingerprint(fingerprint));
    pinnedFingerprint = fingerprint;
  }

  public String pinnedFingerprint() {
    return pinnedFingerprint;
  }

  public HeartbeatMessage ownHeartbeat(HaConfig config, HaState state, LocalHealth.Snapshot health, java.time.Duration loopAge) {
    return new HeartbeatMessage(
        node.address(), config.role().wireName(), state.displayName(),
        health.processesHealthy(), health.databaseHealthy(), health.walPosition(), loopAge.toMillis());
  }

  /** Sends our heartbeat and says what came back: a trusted answer, an untrusted one, or silence. */
  PeerContact exchangeHeartbeat(HaConfig config, HeartbeatMessage mine) {
    String secret = peerSecret();
    if (secret == null) {
      return untrusted(mine, "no authentication key is set on this node: set it with 'ncs ha authkey <key>'");
    }
    try {
      if (pinnedFingerprint == null) {
        repin(config, secret, mine);
      }
      HeartbeatMessage theirs = client.heartbeat(config.peerAddress(), pinnedFingerprint, secret, mine);
      if (theirs.walPosition != null) {
        // A peer whose database is down reports none: the last one it had stays the promotion
        // guard's measure (forgetting it would let an automatic failover through unguarded).
        lastPeerWalPosition = theirs.walPosition;
      }
      HaState theirState = HaState.fromDisplayName(theirs.state);
      PeerContact contact = PeerContact.answered(
          new PeerReport(theirState, theirs.processesHealthy, theirs.databaseHealthy, seenInState(theirState)),
          theirs.loopAgeMillis == null ? null : java.time.Duration.ofMillis(theirs.loopAgeMillis),
          node.heartbeatInterval(), node.peerTimeout());
      if (contact.kind() == PeerContact.Kind.SILENT) {
        return silent(contact);
      }
      if (trustProblem != null) {
        store.recordEvent(java.time.Instant.now(), mine.state, "Heartbeats from " + config.peerAddress() + " are trusted again");
        trustProblem = null;
      }
      if (lastFailure != null) {
        LOG.info("Heartbeats with " + config.peerAddress() + " are answered again");
        lastFailure = null;
      }
      return contact;
    } catch (PeerException e) {
      return e.kind() == PeerException.Kind.UNTRUSTED ? untrusted(mine, e.getMessage()) : silent(PeerContact.silent(e.getMessage()));
    } catch (RuntimeException e) {
      return silent(PeerContact.silent(String.valueOf(e.getMessage())));
    }
  }

  /** Why the peer's answers cannot be trusted now, with the fix; null while they can. */
  public String trustProblem() {
    return trustProblem;
  }

  /** The peer's clock minus this server's, as last measured; null before any answer. */
  public java.time.Duration peerClockSkew() {
    return client.clockSkew();
  }

  /**
   * After {@code ncs certvalidation tofu-certs deletecert} the peer's certificate is trusted on
   * first use again: pinned only when its answer, signed with the authentication key, names it.
   */
  private void repin(HaConfig config, String secret, HeartbeatMessage mine) throws PeerException {
    HelloMessage hello = new HelloMessage();
    hello.address = node.address();
    hello.fingerprint = ownFingerprint();
    hello.installedAsSecondary = config.role() == org.ncsha.ha.Role.SECONDARY;
    hello.state = mine.state;
    hello.version = ProductVersion.current();
    PeerClient.Hello answer = client.hello(config.peerAddress(), secret, hello);
    pin(answer.presentedFingerprint());
    LOG.info("Pinned the certificate of " + config.peerAddress() + " again (SHA-256 " + answer.presentedFingerprint() + ")");
    store.recordEvent(java.time.Instant.now(), mine.state,
        "Trusted the certificate of " + config.peerAddress() + " on first use (SHA-256 " + answer.presentedFingerprint() + ")");
  }

  /**
   * Forgets the pinned certificate of {@code host}, as {@code ncs certvalidation tofu-certs
   * deletecert host} does; the next heartbeat pins the certificate the peer presents then.
   *
   * @return false when no certificate is pinned for that host
   */
  public boolean forgetPinnedCertificate(String host, String peerAddress, String state) {
    if (pinnedFingerprint == null || peerAddress == null || !peerAddress.equals(host)) {
      return false;
    }
    pin(null);
    store.recordEvent(java.time.Instant.now(), state, "Deleted the TOFU certificate of " + host
        + "; it is trusted again at the next contact signed with the authentication key");
    return true;
  }

  /** How long the peer has named {@code state} in every answer (an automatic failback waits for a steady primary). */
  private synchronized java.time.Duration seenInState(HaState state) {
    java.time.Instant now = clock.instant();
    if (state != lastPeerState || peerStateSince == null) {
      lastPeerState = state;
      peerStateSince = now;
    }
    return java.time.Duration.between(peerStateSince, now);
  }

  private synchronized void forgetPeerState() {
    lastPeerState = null;
    peerStateSince = null;
  }

  private PeerContact silent(PeerContact contact) {
    forgetPeerState();
    // Log the first miss of an outage and changes of reason, not every tick of it.
    Level level = contact.problem().equals(lastFailure) ? Level.FINE : Level.WARNING;
    LOG.log(level, "Missed heartbeat: " + contact.problem());
    lastFailure = contact.problem();
    return contact;
  }

  /**
   * The peer is alive but its answer cannot be used: an event and an alarm, once per distinct
   * problem, and never a missed heartbeat.
   */
  private PeerContact untrusted(HeartbeatMessage mine, String problem) {
    forgetPeerState();
    if (!problem.equals(trustProblem)) {
      LOG.warning("The peer answers but cannot be trusted: " + problem);
      store.recordEvent(java.time.Instant.now(), mine.state, problem);
      trustProblem = problem;
    }
    lastFailure = null;
    return PeerContact.untrusted(problem);
  }
}
