package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedTrustTest {
  @TempDir static Path dir;
  static TestTls tls;
  static TestTls other;
  static HttpsServer server;

  @BeforeAll
  static void start() throws Exception {
    tls = TestTls.generate(dir);
    other = TestTls.generate(dir);
    server = tls.server(exchange -> {
      byte[] body = "pinned hello".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static HttpResponse<String> get(SSLContext ssl) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    // 127.0.0.1 is not in the certificate (CN=not-this-host): the pin alone decides.
    URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
    return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rightFingerprintConnectsWhateverTheHostName() throws Exception {
    HttpResponse<String> res = get(PinnedTrust.sslContext(tls.fingerprint()));
    assertEquals(200, res.statusCode());
    assertEquals("pinned hello", res.body());
  }

  @Test
  void keytoolStyleFingerprintIsAccepted() throws Exception {
    String colons = tls.fingerprint().toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    assertEquals(200, get(PinnedTrust.sslContext(" " + colons + "\n")).statusCode());
  }

  @Test
  void wrongFingerprintFails() {
    IOException e = assertThrows(IOException.class, () -> get(PinnedTrust.sslContext(other.fingerprint())));
    assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
  }

  @Test
  void acceptAnyConnectsAndTheSessionNamesTheCertificate() throws Exception {
    HttpResponse<String> res = get(PinnedTrust.acceptAnyAndRecord());
    X509Certificate leaf = (X509Certificate) res.sslSession().orElseThrow().getPeerCertificates()[0];
    assertEquals(tls.fingerprint(), PinnedTrust.fingerprint(leaf));
    assertEquals(tls.fingerprint(), PinnedTrust.presentedFingerprint(res.sslSession().orElseThrow()));
  }

  @Test
  void fingerprintIsLowercaseHexOfTheDerEncoding() {
    assertTrue(tls.fingerprint().matches("[0-9a-f]{64}"), tls.fingerprint());
  }

  @Test
  void malformedFingerprintIsRejectedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> PinnedTrust.sslContext("abc"));
    assertThrows(IllegalArgumentException.class, () -> PinnedTrust.sslContext(null));
    assertThrows(IllegalArgumentException.class, () -> PinnedTrust.sslContext("g".repeat(64)));
  }

  @Test
  void trustManagerNamesBothFingerprintsAndRefusesAnEmptyChain() {
    var tm = PinnedTrust.trustManager(other.fingerprint());
    CertificateChangedException e = assertThrows(CertificateChangedException.class,
        () -> tm.checkServerTrusted(new X509Certificate[] {tls.certificate}, "EC"));
    assertTrue(e.getMessage().contains(tls.fingerprint()) && e.getMessage().contains(other.fingerprint()), e.getMessage());
    assertTrue(e.getMessage().startsWith(CertificateChangedException.TOFU_ERROR), e.getMessage());
    assertEquals(tls.fingerprint(), e.presented());
    assertThrows(CertificateException.class, () -> tm.checkServerTrusted(new X509Certificate[0], "EC"));
    assertThrows(CertificateException.class, () -> PinnedTrust.trustManager(tls.fingerprint()).checkServerTrusted(null, "EC"));
  }
}
