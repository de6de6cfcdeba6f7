package org.ncsha.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The node's authentication key material ({@code <nodeDir>/etc/authkey.properties}, mode
 * 0600): a salted verifier for logins and the derived peer secret, never the key itself.
 */
public final class AuthKeyStore {
  /** Where a node keeps the file, relative to its node directory. */
  public static final String RELATIVE_PATH = "etc/authkey.properties";
  static final String VERIFIER = "verifier";
  static final String PEER_SECRET = "peer.secret";
  /** The salt of the peer secret: the pair's, public, kept when the key changes. */
  static final String PEER_SALT = "peer.salt";

  private final Path file;

  public AuthKeyStore(Path file) {
    this.file = file;
  }

  /** The store of the node whose directory is {@code nodeDir}. */
  public static AuthKeyStore forNode(Path nodeDir) {
    return new AuthKeyStore(nodeDir.resolve(RELATIVE_PATH));
  }

  public Path file() {
    return file;
  }

  /**
   * Replaces the key material with that of {@code key}. The caller still owns (and should
   * wipe) the array.
   *
   * @throws IllegalArgumentException with {@link AuthKeyRule}'s message when the key is weak
   * @throws UncheckedIOException when the file cannot be written
   */
  public void set(char[] key) {
    set(key, null);
  }

  /**
   * As {@link #set(char[])}, with the peer secret derived with {@code salt} (registration: the
   * secondary's salt, so both servers derive the same secret); null keeps this node's salt, or
   * makes a new one on a node that has none.
   */
  public void set(char[] key, String salt) {
    Optional<String> violation = AuthKeyRule.violation(key);
    if (violation.isPresent()) {
      throw new IllegalArgumentException(violation.get());
    }
    String pairSalt = salt != null ? salt : saltOf(load()).orElseGet(AuthKeys::newPeerSalt);
    // The hashing (seconds on a busy server) runs outside the lock: nothing that only reads or
    // promotes key material waits for it, the Health Monitor's heartbeats least of all.
    String verifier = AuthKeys.verifier(key);
    String secret = AuthKeys.peerSecret(key, pairSalt);
    synchronized (this) {
      Properties before = load();
      Properties after = new Properties();
      after.setProperty(VERIFIER, verifier);
      after.setProperty(PEER_SALT, pairSalt);
      after.setProperty(PEER_SECRET, secret);
      keepPrevious(before, after, java.time.Instant.now());
      write(after);
    }
  }

  /**
   * The salt this node derives peer secrets with. Public (the primary asks the secondary for it
   * before registering); it makes a guessed-key table built for one pair useless for any other.
   * A key file without one predates per-pair salts and uses {@link AuthKeys#LEGACY_PEER_SALT}.
   */
  public String peerSalt() {
    return saltOf(load()).orElse(AuthKeys.LEGACY_PEER_SALT);
  }

  /** The peer secret {@code key} has under this node's salt: what the peer signs with if it holds that key. */
  public String secretFor(char[] key) {
    return AuthKeys.peerSecret(key, peerSalt());
  }

  private static Optional<String> saltOf(Properties values) {
    if (values.getProperty(PEER_SALT) != null) {
      return Optional.of(values.getProperty(PEER_SALT));
    }
    // A key without a salt of its own was derived with the one every installation once shared.
    return values.getProperty(PEER_SECRET) != null ? Optional.of(AuthKeys.LEGACY_PEER_SALT) : Optional.empty();
  }

  /**
   * How long the key a server replaced is still accepted from its peer, and how long a key the
   * peer offered waits to be used: the time for both servers to move over, whatever answers
   * are lost on the way.
   */
  public static final java.time.Duration GRACE = java.time.Duration.ofMinutes(10);
  static final String PREVIOUS_SECRET = "previous.peer.secret";
  static final String PREVIOUS_UNTIL = "previous.until";
  static final String PENDING_VERIFIER = "pending.verifier";
  static final String PENDING_SECRET = "pending.peer.secret";
  static final String PENDING_UNTIL = "pending.until";

  /**
   * The first half of a key change the peer asked for: the new key is accepted on signed
   * messages from now on, but this server keeps signing with its current key until the peer
   * shows that it uses the new one ({@link #promotePending}). Unused, it lapses after {@link #GRACE}.
   */
  public void offer(char[] key, java.time.Instant now) {
    Optional<String> violation = AuthKeyRule.violation(key);
    if (violation.isPresent()) {
      throw new IllegalArgumentException(violation.get());
    }
    // Hashed outside the lock, as in set.
    String verifier = AuthKeys.verifier(key);
    String secret = AuthKeys.peerSecret(key, saltOf(load()).orElse(AuthKeys.LEGACY_PEER_SALT));
    synchronized (this) {
      Properties values = load();
      values.setProperty(PENDING_VERIFIER, verifier);
      values.setProperty(PENDING_SECRET, secret);
      values.setProperty(PENDING_UNTIL, Long.toString(now.plus(GRACE).toEpochMilli()));
      write(values);
    }
  }

  /** The offered key, as its peer secret, while it may still be taken; empty otherwise. */
  public Optional<String> pendingSecret(java.time.Instant now) {
    return Optional.ofNullable(accepted(now).pending());
  }

  /** The key this server replaced, as its peer secret, while the peer may still use it. */
  public Optional<String> previousSecret(java.time.Instant now) {
    return Optional.ofNullable(accepted(now).previous());
  }

  /**
   * The peer secrets a signed message may use now, from one read of the file: this server's own,
   * the one it replaced (within {@link #GRACE}) and the one the peer offered; null where none.
   */
  public record Accepted(String current, String previous, String pending) {
    @Override
    public String toString() {
      return "AuthKeyStore.Accepted[hidden]";
    }
  }

  public Accepted accepted(java.time.Instant now) {
    Properties values = load();
    return new Accepted(current(values).orElse(null),
        live(values, PREVIOUS_SECRET, PREVIOUS_UNTIL, now).orElse(null),
        live(values, PENDING_SECRET, PENDING_UNTIL, now).orElse(null));
  }

  /**
   * The second half: the peer signed with the offered key, so it uses it now; this server takes
   * it too, keeping its old one acceptable for {@link #GRACE}.
   *
   * @return false when no offer is pending (taken already, or lapsed)
   */
  public synchronized boolean promotePending(java.time.Instant now) {
    Properties before = load();
    if (live(before, PENDING_SECRET, PENDING_UNTIL, now).isEmpty()) {
      return false;
    }
    Properties after = new Properties();
    after.setProperty(VERIFIER, before.getProperty(PENDING_VERIFIER));
    after.setProperty(PEER_SECRET, before.getProperty(PENDING_SECRET));
    saltOf(before).ifPresent(salt -> after.setProperty(PEER_SALT, salt));
    keepPrevious(before, after, now);
    write(after);
    return true;
  }

  private static void keepPrevious(Properties before, Properties after, java.time.Instant now) {
    String old = before.getProperty(PEER_SECRET);
    if (old != null && !old.equals(after.getProperty(PEER_SECRET))) {
      after.setProperty(PREVIOUS_SECRET, old);
      after.setProperty(PREVIOUS_UNTIL, Long.toString(now.plus(GRACE).toEpochMilli()));
    } else if (before.getProperty(PREVIOUS_SECRET) != null) {
      // The same key set again: a change still in its grace keeps it.
      after.setProperty(PREVIOUS_SECRET, before.getProperty(PREVIOUS_SECRET));
      after.setProperty(PREVIOUS_UNTIL, before.getProperty(PREVIOUS_UNTIL, "0"));
    }
  }

  private static Optional<String> live(Properties values, String secretKey, String untilKey, java.time.Instant now) {
    String secret = values.getProperty(secretKey);
    String until = values.getProperty(untilKey);
    try {
      return secret != null && until != null && now.toEpochMilli() < Long.parseLong(until) ? Optional.of(secret) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void write(Properties values) {
    StringBuilder content = new StringBuilder("# ncs-ha authentication key material. The key itself is never stored.\n"
        + "# verifier: salted PBKDF2 for logins; peer.secret: signs messages between the two servers,\n"
        + "# derived with the pair's peer.salt; previous.* and pending.*: a key change in progress\n"
        + "# (docs/architecture.md, Security).\n");
    for (String name : new String[] {VERIFIER, PEER_SALT, PEER_SECRET, PREVIOUS_SECRET, PREVIOUS_UNTIL, PENDING_VERIFIER, PENDING_SECRET, PENDING_UNTIL}) {
      String value = values.getProperty(name);
      if (value != null) {
        content.append(name).append('=').append(value).append('\n');
      }
    }
    try {
      SecureFiles.writePrivate(file, content.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the authentication key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether a key has been set on this node. */
  public boolean isSet() {
    return load().getProperty(VERIFIER) != null;
  }

  /** Whether {@code key} is the node's key; false when none is set. */
  public boolean verify(char[] key) {
    String verifier = load().getProperty(VERIFIER);
    return verifier != null && AuthKeys.matches(key, verifier);
  }

  /** The secret both servers derive from the key, for {@link AuthKeys#hmac}. */
  public Optional<String> peerSecret() {
    return current(load());
  }

  private static Optional<String> current(Properties values) {
    return Optional.ofNullable(values.getProperty(PEER_SECRET)).filter(s -> !s.isBlank());
  }

  // Read on every call: the key may be changed by another process (ncs-setup) or node.
  private Properties load() {
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      values.load(in);
    } catch (NoSuchFileException e) {
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the authentication key file " + file + ": " + e.getMessage(), e);
    }
    return values;
  }

  @Override
  public String toString() {
    return "AuthKeyStore[" + file + "]";
  }
}
