package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.security.AuthKeys;
import org.ncsha.security.TestTls;

/**
 * Which failed heartbeats are silence and which are a live peer that cannot be trusted: a real
 * HTTPS server answers as a peer would with another key, another clock, a refusal or an error.
 */
class PeerClientTrustTest {
  private static final String SALT = "test-pair-salt";
  private static final String SECRET = AuthKeys.peerSecret("Pair-Key-42".toCharArray(), SALT);
  private static final String OTHER = AuthKeys.peerSecret("Other-Key-43".toCharArray(), SALT);
  private static final String PATH = "/api/peer/heartbeat";

  @TempDir static Path dir;
  static TestTls tls;
  static HttpsServer server;
  /** How the fake peer answers the next request. */
  static volatile Answer answer;

  enum Answer { SIGNED, SIGNED_WITH_OTHER_KEY, SIGNED_FIVE_MINUTES_AHEAD, REFUSED_KEY, REFUSED_CLOCK, SERVER_ERROR, TOO_MANY }

  @BeforeAll
  static void start() throws Exception {
    tls = TestTls.generate(dir);
    server = tls.server(PeerClientTrustTest::answer);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static void answer(HttpExchange exchange) throws java.io.IOException {
    exchange.getRequestBody().readAllBytes();
    String nonce = exchange.getRequestHeaders().getFirst(PeerSignature.NONCE_HEADER);
    String body = "{\"state\":\"Secondary Syncing\",\"databaseHealthy\":true,\"processesHealthy\":true,\"loopAgeMillis\":10}";
    long now = Instant.now().toEpochMilli();
    switch (answer) {
      case SIGNED -> sign(exchange, SECRET, now, nonce, body);
      case SIGNED_WITH_OTHER_KEY -> sign(exchange, OTHER, now, nonce, body);
      case SIGNED_FIVE_MINUTES_AHEAD -> sign(exchange, SECRET, now + 300_000, nonce, body);
      case REFUSED_KEY, REFUSED_CLOCK -> {
        exchange.getResponseHeaders().add(PeerSignature.REFUSAL_HEADER,
            answer == Answer.REFUSED_KEY ? PeerSignature.Check.WRONG_KEY.name() : PeerSignature.Check.CLOCK_SKEW.name());
        exchange.getResponseHeaders().add(PeerSignature.TIME_HEADER, Long.toString(now - 600_000));
        exchange.sendResponseHeaders(401, -1);
        exchange.close();
        return;
      }
      case SERVER_ERROR, TOO_MANY -> {
        exchange.sendResponseHeaders(answer == Answer.SERVER_ERROR ? 503 : 429, -1);
        exchange.close();
        return;
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void sign(HttpExchange exchange, String secret, long time, String nonce, String body) {
    exchange.getResponseHeaders().add(PeerSignature.TIME_HEADER, Long.toString(time));
    exchange.getResponseHeaders().add(PeerSignature.SIGNATURE_HEADER,
        PeerSignature.sign(secret, time, nonce, PeerSignature.replyPath(PATH), body));
  }

  private PeerException failureWhen(Answer a, PeerClient client) {
    answer = a;
    return assertThrows(PeerException.class, () -> client.heartbeat("127.0.0.1", tls.fingerprint(), SECRET, new HeartbeatMessage()));
  }

  private PeerClient client() {
    return new PeerClient(server.getAddress().getPort(), Duration.ofSeconds(5));
  }

  @Test
  void a_trusted_answer_measures_the_clock() throws Exception {
    PeerClient client = client();
    answer = Answer.SIGNED;
    HeartbeatMessage theirs = client.heartbeat("127.0.0.1", tls.fingerprint(), SECRET, new HeartbeatMessage());
    assertEquals("Secondary Syncing", theirs.state);
    assertEquals(10L, theirs.loopAgeMillis);
    assertTrue(Math.abs(client.clockSkew().toMillis()) < 2000, "one machine, one clock: " + client.clockSkew());
  }

  @Test
  void another_key_either_way_is_untrusted_and_names_ncs_ha_authkey() {
    for (Answer a : new Answer[] {Answer.SIGNED_WITH_OTHER_KEY, Answer.REFUSED_KEY}) {
      PeerException e = failureWhen(a, client());
      assertEquals(PeerException.Kind.UNTRUSTED, e.kind(), a + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("ncs ha authkey"), e.getMessage());
    }
  }

  @Test
  void a_clock_too_far_off_either_way_is_untrusted_names_ntp_and_is_measured() {
    PeerClient client = client();
    PeerException ahead = failureWhen(Answer.SIGNED_FIVE_MINUTES_AHEAD, client);
    assertEquals(PeerException.Kind.UNTRUSTED, ahead.kind());
    assertTrue(ahead.getMessage().contains("NTP") && ahead.getMessage().matches("(?s).*\\b(29[89]|30[012]) s apart.*"), ahead.getMessage());
    assertTrue(Math.abs(client.clockSkew().toSeconds() - 300) <= 2, "measured " + client.clockSkew());

    PeerException refused = failureWhen(Answer.REFUSED_CLOCK, client);
    assertEquals(PeerException.Kind.UNTRUSTED, refused.kind());
    // The skew is measured against the middle of the round trip, so a slow exchange moves it a little.
    assertTrue(refused.getMessage().contains("NTP") && refused.getMessage().matches("(?s).*\\b(59[89]|60[012]) s apart.*"),
        refused.getMessage());
  }

  @Test
  void a_server_error_is_silence_and_a_rate_limit_is_a_live_server() {
    assertEquals(PeerException.Kind.NO_ANSWER, failureWhen(Answer.SERVER_ERROR, client()).kind());
    assertEquals(PeerException.Kind.UNTRUSTED, failureWhen(Answer.TOO_MANY, client()).kind());
  }

  @Test
  void a_streamed_body_s_answer_is_checked_the_same_way() throws Exception {
    PeerClient client = client();
    byte[] content = new byte[3 * 1024 * 1024];
    java.util.function.Supplier<java.io.InputStream> stream = () -> new java.io.ByteArrayInputStream(content);
    answer = Answer.SIGNED;
    HeartbeatMessage theirs = client.sendStream("127.0.0.1", tls.fingerprint(), SECRET, PATH, java.util.Map.of("size", content.length),
        stream, content.length, HeartbeatMessage.class);
    assertEquals("Secondary Syncing", theirs.state);

    for (Answer a : new Answer[] {Answer.SIGNED_WITH_OTHER_KEY, Answer.REFUSED_KEY, Answer.REFUSED_CLOCK, Answer.SERVER_ERROR}) {
      answer = a;
      PeerException e = assertThrows(PeerException.class, () -> client.sendStream("127.0.0.1", tls.fingerprint(), SECRET, PATH,
          java.util.Map.of("size", content.length), stream, content.length, HeartbeatMessage.class));
      assertEquals(a == Answer.SERVER_ERROR ? PeerException.Kind.NO_ANSWER : PeerException.Kind.UNTRUSTED, e.kind(), a + ": " + e.getMessage());
      assertTrue(e.getMessage().contains(a == Answer.REFUSED_CLOCK ? "NTP" : a == Answer.SERVER_ERROR ? "HTTP 503" : "ncs ha authkey"),
          a + ": " + e.getMessage());
    }
  }

  @Test
  void a_refused_connection_is_silence() {
    PeerClient nobody = new PeerClient(1, Duration.ofSeconds(2));
    PeerException e = assertThrows(PeerException.class,
        () -> nobody.heartbeat("127.0.0.1", tls.fingerprint(), SECRET, new HeartbeatMessage()));
    assertEquals(PeerException.Kind.NO_ANSWER, e.kind(), e.getMessage());
  }
}
