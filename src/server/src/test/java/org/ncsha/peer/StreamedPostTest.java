package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.security.CertificateChangedException;
import org.ncsha.security.PinnedTrust;
import org.ncsha.security.TestTls;

/**
 * The large bodies' POST against a real HTTPS server: what arrives is the head, the content and
 * the tail in order (with a length, or chunked), the answer's headers are found in any case, a
 * certificate other than the pinned one is refused, and a peer that stops reading ends the call
 * at its deadline instead of blocking the sender.
 */
class StreamedPostTest {
  private static final Duration CONNECT = Duration.ofSeconds(5);

  @TempDir static Path dir;
  static TestTls tls;
  /** Answers with the SHA-256 of the body it read, and how it was framed. */
  static HttpsServer echo;

  @BeforeAll
  static void start() throws Exception {
    tls = TestTls.generate(dir);
    echo = tls.server(StreamedPostTest::hashOfBody);
  }

  @AfterAll
  static void stop() {
    echo.stop(0);
  }

  private static void hashOfBody(HttpExchange exchange) throws IOException {
    String framing;
    String hash;
    try (InputStream body = exchange.getRequestBody()) {
      framing = exchange.getRequestHeaders().containsKey("Content-Length")
          ? "length " + exchange.getRequestHeaders().getFirst("Content-Length")
          : "chunked " + exchange.getRequestHeaders().getFirst("Transfer-Encoding");
      hash = sha256(body.readAllBytes());
    }
    String test = exchange.getRequestHeaders().getFirst("X-Ncs-Test");
    if ("refuse".equals(test)) {
      exchange.getResponseHeaders().add(PeerSignature.REFUSAL_HEADER, PeerSignature.Check.CLOCK_SKEW.name());
      exchange.sendResponseHeaders(401, -1);
      exchange.close();
      return;
    }
    byte[] answer = ("busy".equals(test) ? "busy" : hash).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("X-Ncs-Framing", framing + " " + test);
    exchange.getResponseHeaders().add("X-Ncs-Client-Port", Integer.toString(exchange.getRemoteAddress().getPort()));
    exchange.sendResponseHeaders("busy".equals(test) ? 503 : 200, answer.length);
    exchange.getResponseBody().write(answer);
    exchange.close();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] joined(byte[]... parts) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  private static URI uri(HttpsServer server) {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/api/peer/files/stream");
  }

  @Test
  void a_body_of_known_length_arrives_whole_in_several_buffers() throws Exception {
    byte[] head = "signed part".getBytes(StandardCharsets.UTF_8);
    byte[] content = random(5 * StreamedPost.BUFFER_BYTES + 123);
    StreamedPost post = new StreamedPost(PinnedTrust.sslContext(tls.fingerprint()));

    StreamedPost.Answer answer = post.post(uri(echo), Map.of("X-Ncs-Test", "fixed"), head, new ByteArrayInputStream(content),
        null, head.length + content.length, CONNECT, Duration.ofSeconds(30));

    assertEquals(200, answer.status());
    assertEquals(sha256(joined(head, content)), answer.body());
    assertEquals("length " + (head.length + content.length) + " fixed", answer.header("x-ncs-framing"), "any case finds the header");
  }

  @Test
  void a_body_with_a_tail_is_sent_chunked_in_order() throws Exception {
    byte[] head = "signed part".getBytes(StandardCharsets.UTF_8);
    byte[] content = random(StreamedPost.BUFFER_BYTES + 7);
    byte[] tail = "trailer".getBytes(StandardCharsets.UTF_8);
    StreamedPost post = new StreamedPost(PinnedTrust.sslContext(tls.fingerprint()));

    java.util.Set<String> clientPorts = new java.util.HashSet<>();
    for (int call = 0; call < 2; call++) {
      StreamedPost.Answer answer = post.post(uri(echo), Map.of("X-Ncs-Test", "tail"), head,
          new ByteArrayInputStream(content), new ByteArrayInputStream(tail), -1, CONNECT, Duration.ofSeconds(30));
      assertEquals(sha256(joined(head, content, tail)), answer.body());
      assertEquals("chunked chunked tail", answer.header("X-NCS-FRAMING"));
      clientPorts.add(answer.header("X-Ncs-Client-Port"));
    }
    assertEquals(1, clientPorts.size(), "the second call went over the connection the first left open: " + clientPorts);
  }

  @Test
  void a_refusal_or_an_error_is_an_answer_with_its_status_headers_and_body() throws Exception {
    StreamedPost post = new StreamedPost(PinnedTrust.sslContext(tls.fingerprint()));
    byte[] content = random(StreamedPost.BUFFER_BYTES);

    StreamedPost.Answer refused = post.post(uri(echo), Map.of("X-Ncs-Test", "refuse"), new byte[1],
        new ByteArrayInputStream(content), null, content.length + 1L, CONNECT, Duration.ofSeconds(30));
    assertEquals(401, refused.status());
    assertEquals(PeerSignature.Check.CLOCK_SKEW.name(), refused.header(PeerSignature.REFUSAL_HEADER), "PeerClient tells a clock from a key by it");

    StreamedPost.Answer busy = post.post(uri(echo), Map.of("X-Ncs-Test", "busy"), new byte[1],
        new ByteArrayInputStream(content), null, content.length + 1L, CONNECT, Duration.ofSeconds(30));
    assertEquals(503, busy.status());
    assertEquals("busy", busy.body());
  }

  @Test
  void another_certificate_than_the_pinned_one_is_refused() {
    StreamedPost post = new StreamedPost(PinnedTrust.sslContext("00".repeat(32)));

    IOException refused = assertThrows(IOException.class, () -> post.post(uri(echo), Map.of(), new byte[1],
        new ByteArrayInputStream(new byte[10]), null, 11, CONNECT, Duration.ofSeconds(10)));

    boolean changed = false;
    for (Throwable t = refused; t != null; t = t.getCause()) {
      changed |= t instanceof CertificateChangedException;
    }
    assertTrue(changed, "a pin mismatch, found by PeerClient as such: " + refused);
  }

  @Test
  void a_peer_that_stops_reading_ends_the_call_at_its_deadline() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpsServer stuck = tls.server(exchange -> {
      try {
        release.await(60, TimeUnit.SECONDS); // reads nothing: the sender's writes fill the socket's buffers and block
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    try {
      StreamedPost post = new StreamedPost(PinnedTrust.sslContext(tls.fingerprint()));
      byte[] content = random(64 * StreamedPost.BUFFER_BYTES);
      Duration allowed = Duration.ofSeconds(2);
      long started = System.nanoTime();

      IOException late = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IOException.class,
          () -> post.post(uri(stuck), Map.of(), new byte[1], new ByteArrayInputStream(content), null, content.length + 1L,
              CONNECT, allowed)));

      assertTrue(late instanceof StreamedPost.DeadlineException, "told as a deadline: " + late);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(tookMillis >= allowed.toMillis() && tookMillis < allowed.toMillis() + 5000,
          "ended at its deadline, not before nor long after: " + tookMillis + " ms");
    } finally {
      release.countDown();
      stuck.stop(0);
    }
  }
}
