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
  public synchronized void set(char[] key) {
    Optional<String> violation = AuthKeyRule.violation(key);
    if (violation.isPresent()) {
      throw new IllegalArgumentException(violation.get());
    }
    String content = "# ncs-ha authentication key material. The key itself is never stored.\n"
        + "# verifier: salted PBKDF2 for logins; peer.secret: signs messages between the two servers.\n"
        + VERIFIER + "=" + AuthKeys.verifier(key) + "\n"
        + PEER_SECRET + "=" + AuthKeys.peerSecret(key) + "\n";
    try {
      SecureFiles.writePrivate(file, content.getBytes(StandardCharsets.UTF_8));
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
    return Optional.ofNullable(load().getProperty(PEER_SECRET)).filter(s -> !s.isBlank());
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
