package org.ncsha.registration;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.ncsha.security.AuthKeys;
import org.ncsha.security.PinnedTrust;

/**
 * Measures the link to the other server: an ICMP echo, round trips to its bandwidth listener
 * (8085), and real data sent there for a bounded time, with the one ticket the other server
 * handed out for it. Nothing secret is sent, so the listener's certificate is not checked; the
 * arrival times it reports count for the clock check only when signed with the key.
 */
final class LinkProbe {
  static final Duration PING_TIMEOUT = Duration.ofSeconds(2);
  static final Duration SEND_TIME = Duration.ofSeconds(2);
  static final long SEND_MAX_BYTES = 1024L * 1024 * 1024;
  private static final int ROUND_TRIPS = 5;

  /**
   * @param clockOffsetMillis the other server's clock minus ours, from the fastest round trip:
   *     the listener reads its clock on arrival, which is taken to be half way through (as NTP
   *     does), so the error is at most half that round trip
   */
  record Result(Double pingMillis, String pingError, Double mbps, Double latencyMillis, Long clockOffsetMillis,
      String bandwidthError) {}

  private LinkProbe() {}

  static Result measure(String peer, int bandwidthPort, String ticket, String peerSecret) {
    Double ping = null;
    String pingError = null;
    try {
      long start = System.nanoTime();
      if (InetAddress.getByName(peer).isReachable((int) PING_TIMEOUT.toMillis())) {
        ping = (System.nanoTime() - start) / 1e6;
      } else {
        pingError = "no echo reply within " + PING_TIMEOUT.toMillis() + " ms";
      }
    } catch (IOException e) {
      pingError = e.getMessage();
    }
    // HTTP/1.1: HTTP/2 flow control would measure the server's window updates, not the link.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(PinnedTrust.acceptAnyAndRecord()).connectTimeout(Duration.ofSeconds(3)).build();
    URI sink = URI.create("https://" + peer + ":" + bandwidthPort + "/api/bandwidth");
    try {
      // The first exchange pays for the TLS handshake; the fastest one is the link's latency.
      double best = Double.MAX_VALUE;
      Long offset = null;
      for (int i = 0; i < ROUND_TRIPS; i++) {
        long asked = System.currentTimeMillis();
        long start = System.nanoTime();
        String answer = send(client, sink, ticket, HttpRequest.BodyPublishers.ofByteArray(new byte[1]));
        double millis = (System.nanoTime() - start) / 1e6;
        if (millis < best) {
          best = millis;
          Long theirs = signedClock(answer, ticket, peerSecret);
          offset = theirs == null ? null : theirs - (asked + Math.round(millis / 2));
        }
      }
      TimedBody body = new TimedBody(SEND_TIME, SEND_MAX_BYTES);
      long start = System.nanoTime();
      send(client, sink, ticket, HttpRequest.BodyPublishers.ofInputStream(() -> body));
      double seconds = (System.nanoTime() - start) / 1e9;
      return new Result(ping, pingError, body.sent() * 8 / seconds / 1e6, best, offset, null);
    } catch (IOException e) {
      return new Result(ping, pingError, null, null, null, sink + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(ping, pingError, null, null, null, "interrupted");
    }
  }

  private static String send(HttpClient client, URI sink, String ticket, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(sink).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/octet-stream")
        .header(org.ncsha.peer.BandwidthProtocol.TICKET_HEADER, ticket)
        .POST(body).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("the bandwidth listener answered HTTP " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** The listener's arrival time, if its signature (key and ticket) holds; else null. */
  private static Long signedClock(String answer, String ticket, String peerSecret) throws IOException {
    try (JsonReader reader = Json.createReader(new StringReader(answer))) {
      jakarta.json.JsonObject o = reader.readObject();
      long clock = o.getJsonNumber("clockMillis").longValueExact();
      String signature = o.isNull("clockSignature") ? null : o.getString("clockSignature", null);
      boolean signed = peerSecret != null && signature != null
          && AuthKeys.hmacMatches(peerSecret, org.ncsha.peer.BandwidthProtocol.clockSigned(ticket, clock), signature);
      return signed ? clock : null;
    } catch (RuntimeException e) {
      throw new IOException("the bandwidth listener's answer has no clockMillis: " + answer, e);
    }
  }

  /** Random bytes until the time or the byte budget is spent. */
  private static final class TimedBody extends InputStream {
    private final long deadline;
    private final long maxBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private long sent;

    TimedBody(Duration time, long maxBytes) {
      this.deadline = System.nanoTime() + time.toNanos();
      this.maxBytes = maxBytes;
      ThreadLocalRandom.current().nextBytes(chunk);
    }

    long sent() {
      return sent;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (sent >= maxBytes || System.nanoTime() > deadline) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, chunk.length), maxBytes - sent);
      System.arraycopy(chunk, 0, b, off, n);
      sent += n;
      return n;
    }
  }
}
