package org.ncsha.peer;

import java.time.Duration;
import java.time.Instant;
import org.ncsha.security.AuthKeys;

/**
 * Signs and checks peer messages with an HMAC over time, nonce, direction, destination, path and
 * body, keyed by the secret derived from the authentication key. The key itself never crosses the
 * wire. An answer is signed with its request's nonce, so it cannot be replayed to another request.
 */
public final class PeerSignature {
  public static final String TIME_HEADER = "X-NCS-Time";
  public static final String SIGNATURE_HEADER = "X-NCS-Signature";
  public static final String NONCE_HEADER = "X-NCS-Nonce";
  /**
   * Which key signed a request ({@link #keyId}): during a key change a server accepts more than
   * one, and picks the one the sender used instead of trying each.
   */
  public static final String KEY_ID_HEADER = "X-NCS-Key-Id";
  /**
   * On a 401: why the request was refused ({@link Check#name()}), so the caller can name the fix.
   * Unsigned, and used for nothing but that message.
   */
  public static final String REFUSAL_HEADER = "X-NCS-Refused";
  /** Bounds replay of a captured request; the pair's clocks must agree within it. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(2);

  private PeerSignature() {}

  /**
   * What a request's signature covers besides time, nonce and body: its direction, the server it
   * was addressed to (host:port, checked by {@link PeerDestination}) and its path.
   */
  public static String requestScope(String authority, String path) {
    return "request " + PeerDestination.normalize(authority) + " " + path;
  }

  /** What an answer is signed under, so a request can never be replayed as an answer. */
  public static String replyPath(String path) {
    return "reply:" + path;
  }

  /** A fresh random nonce for one request. */
  public static String newNonce() {
    byte[] random = new byte[18];
    RANDOM.nextBytes(random);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /** A short name of a key that gives nothing of it away. */
  public static String keyId(String peerSecret) {
    return AuthKeys.hmac(peerSecret, "ncs-ha key id").substring(0, 12);
  }

  public static String sign(String peerSecret, long timeMillis, String nonce, String path, String body) {
    return AuthKeys.hmac(peerSecret, canonical(timeMillis, nonce, path, body));
  }

  /**
   * Whether {@code signature} signs this with the key, whatever the time: for a part of a request
   * whose signature (and time) was checked when it arrived, such as the trailer after minutes of
   * content.
   */
  public static boolean matches(String peerSecret, long timeMillis, String nonce, String path, String body,
      String signature) {
    return peerSecret != null && nonce != null && signature != null
        && AuthKeys.hmacMatches(peerSecret, canonical(timeMillis, nonce, path, body), signature);
  }

  /** What checking a signature found; only {@link #VALID} is trusted. */
  public enum Check {
    VALID,
    /** A header is missing or unreadable, or this node has no key. */
    UNSIGNED,
    /** Signed at a time further from this node's clock than {@link #MAX_SKEW}: fixed by NTP, not by the key. */
    CLOCK_SKEW,
    /** Signed with another key. */
    WRONG_KEY
  }

  public static boolean verify(String peerSecret, String timeHeader, String nonce, String path, String body,
      String signature, Instant now) {
    return check(peerSecret, timeHeader, nonce, path, body, signature, now) == Check.VALID;
  }

  public static Check check(String peerSecret, String timeHeader, String nonce, String path, String body,
      String signature, Instant now) {
    if (peerSecret == null || timeHeader == null || signature == null || nonce == null) {
      return Check.UNSIGNED;
    }
    long time;
    try {
      time = Long.parseLong(timeHeader);
    } catch (NumberFormatException e) {
      return Check.UNSIGNED;
    }
    if (Duration.between(Instant.ofEpochMilli(time), now).abs().compareTo(MAX_SKEW) > 0) {
      return Check.CLOCK_SKEW;
    }
    return AuthKeys.hmacMatches(peerSecret, canonical(time, nonce, path, body), signature) ? Check.VALID : Check.WRONG_KEY;
  }

  private static String canonical(long timeMillis, String nonce, String path, String body) {
    return timeMillis + "\n" + nonce + "\n" + path + "\n" + (body == null ? "" : body);
  }
}
