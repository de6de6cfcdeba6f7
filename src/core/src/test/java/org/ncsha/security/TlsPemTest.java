package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM for PostgreSQL's TLS: the node's own key pair, and the peer's certificate only when pinned. */
class TlsPemTest {
  @TempDir Path dir;

  @Test
  void the_key_store_becomes_a_certificate_and_key_postgresql_can_read() throws Exception {
    TestTls tls = TestTls.generate(dir);
    Path file = dir.resolve("node.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      tls.keyStore.store(out, "changeit".toCharArray());
    }
    TlsPem.Identity identity = TlsPem.fromKeyStore(file, "changeit".toCharArray());
    X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(identity.certificatePem().getBytes(StandardCharsets.US_ASCII)));
    assertEquals(tls.certificate, cert);
    assertTrue(identity.privateKeyPem().startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8, unencrypted");
    String base64 = identity.privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    assertArrayEquals(tls.keyStore.getKey("default", "changeit".toCharArray()).getEncoded(), key.getEncoded());
    assertTrue(!identity.toString().contains("PRIVATE"), "never printed");
  }

  @Test
  void the_peer_certificate_is_taken_only_when_it_is_the_pinned_one() throws Exception {
    TestTls peer = TestTls.generate(dir);
    TestTls other = TestTls.generate(dir);
    HttpsServer server = peer.server(exchange -> exchange.close());
    try {
      int port = server.getAddress().getPort();
      String pem = TlsPem.presentedCertificate("127.0.0.1", port, peer.fingerprint(), 5000);
      X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      assertEquals(peer.certificate, cert);
      assertThrows(java.io.IOException.class, () -> TlsPem.presentedCertificate("127.0.0.1", port, other.fingerprint(), 5000));
    } finally {
      server.stop(0);
    }
  }
}
