package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuthKeysTest {
  private static final String SALT = AuthKeys.newPeerSalt();
  private static final char[] KEY = "Ha-Secret-9k".toCharArray();

  @Test
  void verifierRoundTrip() {
    String verifier = AuthKeys.verifier(KEY);
    assertTrue(verifier.matches("pbkdf2-sha256\\$" + AuthKeys.ITERATIONS + "\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+"), verifier);
    assertTrue(AuthKeys.matches(KEY, verifier));
    assertFalse(verifier.contains("Ha-Secret-9k"));
  }

  @Test
  void wrongKeyDoesNotMatch() {
    String verifier = AuthKeys.verifier(KEY);
    assertFalse(AuthKeys.matches("Ha-Secret-9K".toCharArray(), verifier));
    assertFalse(AuthKeys.matches(new char[0], verifier));
    assertFalse(AuthKeys.matches(null, verifier));
  }

  @Test
  void saltDiffersEachTime() {
    String a = AuthKeys.verifier(KEY);
    String b = AuthKeys.verifier(KEY);
    assertNotEquals(a.split("\\$")[2], b.split("\\$")[2]);
    assertNotEquals(a, b);
  }

  @Test
  void malformedVerifiersNeverMatch() {
    for (String bad : new String[] {null, "", "plain", "pbkdf2-sha256$x$AA==$AA==", "md5$1$AA==$AA==",
        "pbkdf2-sha256$1$!!$AA==", "pbkdf2-sha256$999999999$AA==$AA==", "pbkdf2-sha256$1$$AA=="}) {
      assertFalse(AuthKeys.matches(KEY, bad), String.valueOf(bad));
    }
  }

  @Test
  void verificationIsFastEnough() {
    String verifier = AuthKeys.verifier(KEY);
    long start = System.nanoTime();
    assertTrue(AuthKeys.matches(KEY, verifier));
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms < 1000, "verification took " + ms + " ms"); // budget 300 ms; slack for a loaded CI host
  }

  @Test
  void peerSecretIsStableAndKeyDependent() {
    String a = AuthKeys.peerSecret(KEY, SALT);
    assertEquals(a, AuthKeys.peerSecret("Ha-Secret-9k".toCharArray(), SALT));
    assertNotEquals(a, AuthKeys.peerSecret("Ha-Secret-9K".toCharArray(), SALT));
    assertFalse(a.contains("Secret"));
    assertEquals(32, java.util.Base64.getDecoder().decode(a).length);
  }

  @Test
  void hmacSignsAndChecks() {
    String secret = AuthKeys.peerSecret(KEY, SALT);
    String mac = AuthKeys.hmac(secret, "1700000000000\n/api/peer/heartbeat\n{}");
    assertEquals(mac, AuthKeys.hmac(secret, "1700000000000\n/api/peer/heartbeat\n{}"));
    assertTrue(AuthKeys.hmacMatches(secret, "1700000000000\n/api/peer/heartbeat\n{}", mac));
    assertFalse(AuthKeys.hmacMatches(secret, "1700000000001\n/api/peer/heartbeat\n{}", mac));
    assertFalse(AuthKeys.hmacMatches(AuthKeys.peerSecret("Other-Key-1".toCharArray(), SALT), "1700000000000\n/api/peer/heartbeat\n{}", mac));
    assertFalse(AuthKeys.hmacMatches(secret, "m", "not base64!"));
    assertFalse(AuthKeys.hmacMatches(secret, "m", null));
    assertFalse(AuthKeys.hmacMatches(null, "m", mac));
  }

  @Test
  void hmacIsStandardHmacSha256() {
    // RFC 4231 test case 2 (5bdcc146...64ec3843): key "Jefe" = base64 SmVmZQ==
    assertEquals("W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=",
        AuthKeys.hmac("SmVmZQ==", "what do ya want for nothing?"));
  }

  @Test
  void emptyKeyIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AuthKeys.verifier(new char[0]));
    assertThrows(IllegalArgumentException.class, () -> AuthKeys.peerSecret(null, SALT));
  }
}
