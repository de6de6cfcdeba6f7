package org.ncsha.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derivations of the HA authentication key: a salted verifier for logins, a shared peer
 * secret for signing Health Monitor messages, and the HMAC over those messages.
 */
public final class AuthKeys {
  /**
   * OWASP's figure for PBKDF2-HMAC-SHA256 (210,000 is its figure for SHA-512). Measured on
   * the 2-CPU build host: about 120 ms warm, 220 ms in a cold CLI JVM.
   */
  public static final int ITERATIONS = 600_000;
  /**
   * The peer-secret salt of key files written before each pair had its own ({@link #newPeerSalt}):
   * one salt shared by every installation, so a table of guessed keys built once would fit all.
   */
  public static final String LEGACY_PEER_SALT = "ncs-ha-peer-v1";
  /** Part of the peer protocol like the salt: changing it needs a new salt version. */
  public static final int PEER_ITERATIONS = 600_000;

  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  /** Bounds the work a tampered verifier can demand of {@link #matches}. */
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private AuthKeys() {}

  /** {@code pbkdf2-sha256$<iterations>$<b64 salt>$<b64 hash>} with a fresh random salt. */
  public static String verifier(char[] key) {
    requireKey(key);
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = pbkdf2(key, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** Whether {@code key} produced {@code verifier}; false for a malformed verifier. */
  public static boolean matches(char[] key, String verifier) {
    if (key == null || key.length == 0 || verifier == null) {
      return false;
    }
    String[] parts = verifier.split("\\$", -1);
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    int iterations;
    byte[] salt;
    byte[] expected;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      expected = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS || salt.length == 0
        || expected.length == 0 || expected.length > 64) {
      return false;
    }
    // Always derive, so a wrong key and a right key take the same time.
    byte[] actual = pbkdf2(key, salt, iterations, expected.length * 8);
    return MessageDigest.isEqual(actual, expected);
  }

  /**
   * Base64 of PBKDF2(key, salt): the same on both servers of a pair, which share the salt (the
   * secondary's, taken by the primary at registration), never the key.
   */
  public static String peerSecret(char[] key, String salt) {
    requireKey(key);
    if (salt == null || salt.isEmpty()) {
      throw new IllegalArgumentException("No peer salt: the pair's salt is required to derive its secret");
    }
    byte[] secret = pbkdf2(key, salt.getBytes(StandardCharsets.UTF_8), PEER_ITERATIONS);
    return Base64.getEncoder().encodeToString(secret);
  }

  /** A fresh salt for a new installation's peer secret: 128 random bits, URL-safe Base64. */
  public static String newPeerSalt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(salt);
  }

  /** Base64 HMAC-SHA256 of the UTF-8 {@code message}, keyed by the decoded peer secret. */
  public static String hmac(String peerSecret, String message) {
    if (peerSecret == null || peerSecret.isEmpty()) {
      throw new IllegalArgumentException("No peer secret: the authentication key is not set");
    }
    byte[] secret = Base64.getDecoder().decode(peerSecret);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** Constant-time check of a received {@code mac}; false for a missing or malformed one. */
  public static boolean hmacMatches(String peerSecret, String message, String mac) {
    if (peerSecret == null || peerSecret.isEmpty() || message == null || mac == null) {
      return false;
    }
    byte[] received;
    try {
      received = Base64.getDecoder().decode(mac);
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = Base64.getDecoder().decode(hmac(peerSecret, message));
    return MessageDigest.isEqual(expected, received);
  }

  private static void requireKey(char[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException(AuthKeyRule.FIELD + " is required");
    }
  }

  private static byte[] pbkdf2(char[] key, byte[] salt, int iterations) {
    return pbkdf2(key, salt, iterations, HASH_BITS);
  }

  private static byte[] pbkdf2(char[] key, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(key, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available in this JDK", e);
    } finally {
      spec.clearPassword();
    }
  }
}
