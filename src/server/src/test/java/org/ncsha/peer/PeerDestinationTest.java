package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ncsha.security.AuthKeys;

class PeerDestinationTest {
  private static final String SALT = "test-pair-salt";
  private static final String SECRET = AuthKeys.peerSecret("Pair-Key-42".toCharArray(), SALT);
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private static final String PATH = "/api/peer/failover";

  @Test
  void a_request_signed_for_one_server_does_not_verify_for_another() {
    String sig = PeerSignature.sign(SECRET, NOW.toEpochMilli(), "n", PeerSignature.requestScope("10.0.0.1:8082", PATH), "{}");
    assertTrue(PeerSignature.verify(SECRET, Long.toString(NOW.toEpochMilli()), "n",
        PeerSignature.requestScope("10.0.0.1:8082", PATH), "{}", sig, NOW));
    assertFalse(PeerSignature.verify(SECRET, Long.toString(NOW.toEpochMilli()), "n",
        PeerSignature.requestScope("10.0.0.2:8082", PATH), "{}", sig, NOW), "another server");
    assertFalse(PeerSignature.verify(SECRET, Long.toString(NOW.toEpochMilli()), "n",
        PeerSignature.requestScope("10.0.0.1:9443", PATH), "{}", sig, NOW), "another port");
    assertFalse(PeerSignature.verify(SECRET, Long.toString(NOW.toEpochMilli()), "n",
        PeerSignature.replyPath(PATH), "{}", sig, NOW), "a request is not an answer");
  }

  @Test
  void the_host_is_compared_without_case_and_the_scope_names_direction_and_path() {
    assertTrue(PeerSignature.requestScope("PRIMARY.example:8082", PATH).equals(PeerSignature.requestScope("primary.example:8082", PATH)));
    assertNotEquals(PeerSignature.requestScope("10.0.0.1:8082", "/api/peer/hello"), PeerSignature.requestScope("10.0.0.1:8082", PATH));
  }

  @Test
  void a_server_takes_only_requests_addressed_to_its_own_address_and_port() {
    assertTrue(PeerDestination.namesThisServer("10.0.0.1:8082", "10.0.0.1", 8082));
    assertTrue(PeerDestination.namesThisServer("localhost:8082", "127.0.0.1", 8082), "a name that resolves to it");
    assertTrue(PeerDestination.namesThisServer("[::1]:8082", "::1", 8082), "IPv6 in brackets");
    assertFalse(PeerDestination.namesThisServer("10.0.0.2:8082", "10.0.0.1", 8082), "the peer's address");
    assertFalse(PeerDestination.namesThisServer("10.0.0.1:9443", "10.0.0.1", 8082), "another port");
    assertFalse(PeerDestination.namesThisServer("10.0.0.1", "10.0.0.1", 8082), "no port");
    assertFalse(PeerDestination.namesThisServer(null, "10.0.0.1", 8082), "no Host");
    assertFalse(PeerDestination.namesThisServer("no-such-host.invalid:8082", "10.0.0.1", 8082), "a name that does not resolve");
  }
}
