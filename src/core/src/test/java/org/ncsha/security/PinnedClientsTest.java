package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PinnedClientsTest {
  private static final String PIN_A = "a".repeat(64);
  private static final String PIN_B = "b".repeat(64);

  @Test
  void one_client_per_pin_and_one_for_first_contacts_each_http_1_1() {
    PinnedClients clients = new PinnedClients(Duration.ofSeconds(2));
    HttpClient a = clients.forPin(PIN_A);
    assertSame(a, clients.forPin(PIN_A), "a pinned server's connections are reused");
    assertNotSame(a, clients.forPin(PIN_B));
    assertNotSame(a, clients.forPin(null));
    assertSame(clients.forPin(null), clients.forPin(null));
    assertEquals(HttpClient.Version.HTTP_1_1, a.version());
    assertEquals(Duration.ofSeconds(2), a.connectTimeout().orElseThrow());
  }
}
