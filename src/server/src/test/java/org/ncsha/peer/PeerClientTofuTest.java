package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.security.CertificateChangedException;
import org.ncsha.security.TestTls;

/** A peer whose certificate changed since it was pinned gets the guide's TOFU error, nothing vaguer. */
class PeerClientTofuTest {
  @TempDir static Path dir;
  static TestTls current;
  static TestTls earlier;
  static HttpsServer server;

  @BeforeAll
  static void start() throws Exception {
    current = TestTls.generate(dir);
    earlier = TestTls.generate(dir);
    server = current.server(exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  @Test
  void changedCertificateIsTheTofuError() {
    PeerClient client = new PeerClient(server.getAddress().getPort(), Duration.ofSeconds(5));
    PeerException e = assertThrows(PeerException.class,
        () -> client.heartbeat("127.0.0.1", earlier.fingerprint(), "secret", new HeartbeatMessage()));
    assertTrue(e.certificateChanged(), e.getMessage());
    assertTrue(e.getMessage().contains("'" + CertificateChangedException.TOFU_ERROR + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("ncs certvalidation tofu-certs deletecert host"), e.getMessage());
  }

  @Test
  void otherFailuresAreNotMistakenForATofuError() {
    PeerClient client = new PeerClient(server.getAddress().getPort(), Duration.ofSeconds(5));
    PeerException e = assertThrows(PeerException.class,
        () -> client.heartbeat("127.0.0.1", current.fingerprint(), "secret", new HeartbeatMessage()));
    assertFalse(e.certificateChanged(), e.getMessage());
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
  }
}
