package org.ncsha.peer;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.ncsha.security.CertificateChangedException;
import org.ncsha.security.PinnedTrust;

/**
 * Calls the other Health Monitor on its HM port over HTTPS. Every call after registration
 * trusts exactly the pinned certificate; only the first contact ({@link #hello}) accepts an
 * unknown certificate, and then only pins it when the signed answer names the same one.
 */
public class PeerClient {
  private static final Jsonb JSON = JsonbBuilder.create();
  /** Beyond a call's own timeout, how long before it is given up whatever the HTTP client does. */
  private static final long CALL_GRACE_MILLIS = 2000;

  private final int hmPort;
  private final Duration timeout;
  private final Map<String, HttpClient> clientsByFingerprint = new ConcurrentHashMap<>();
  /** A sender of its own for files, by pinned certificate: a large file must not hold up the heartbeats. */
  private final Map<String, StreamedPost> fileClients = new ConcurrentHashMap<>();
  private volatile Duration clockSkew;

  public PeerClient(int hmPort, Duration timeout) {
    this.hmPort = hmPort;
    this.timeout = timeout;
  }

  /** The answer of a first contact, with the fingerprint of the certificate actually presented. */
  public record Hello(HelloMessage message, String presentedFingerprint) {}

  public Hello hello(String address, String peerSecret, HelloMessage mine) throws PeerException {
    HttpClient client = client(PinnedTrust.acceptAnyAndRecord());
    HttpResponse<String> res = send(client, address, peerSecret, "/api/peer/hello", JSON.toJson(mine));
    HelloMessage theirs = JSON.fromJson(res.body(), HelloMessage.class);
    String presented = res.sslSession().map(PinnedTrust::presentedFingerprint).orElse(null);
    if (presented == null || !presented.equalsIgnoreCase(theirs.fingerprint)) {
      throw PeerException.untrusted(
          "The server at " + address + " presented a TLS certificate other than the one it signed for: refusing to pin it");
    }
    return new Hello(theirs, presented);
  }

  /**
   * The salt the server at {@code address} derives its peer secret with: public, asked before
   * registering so that the primary derives the same secret from the key the administrator typed.
   */
  public String peerSalt(String address) throws PeerException {
    URI uri = uri(address, "/api/peer/salt");
    HttpResponse<String> res;
    try {
      res = client(PinnedTrust.acceptAnyAndRecord()).send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PeerException("The Health Monitor at " + address + ":" + hmPort + " is not reachable: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerException("Interrupted while calling " + address, e);
    }
    SaltMessage answer = res.statusCode() == 200 ? JSON.fromJson(res.body(), SaltMessage.class) : null;
    if (answer == null || answer.salt == null || answer.salt.isBlank() || answer.salt.length() > 64) {
      throw new PeerException("The Health Monitor at " + address + " did not give its key salt (HTTP " + res.statusCode()
          + "): is it a Health Monitor of this version?");
    }
    return answer.salt;
  }

  /**
   * A signed call before any certificate is pinned (readiness before registration): nothing
   * secret is sent, and the signed answer proves the other side knows the key.
   */
  public <T> T postUnpinned(String address, String peerSecret, String path, Object body, Class<T> answer)
      throws PeerException {
    HttpResponse<String> res = send(client(PinnedTrust.acceptAnyAndRecord()), address, peerSecret, path, JSON.toJson(body));
    return JSON.fromJson(res.body(), answer);
  }

  public HeartbeatMessage heartbeat(String address, String fingerprint, String peerSecret, HeartbeatMessage mine)
      throws PeerException {
    return post(address, fingerprint, peerSecret, "/api/peer/heartbeat", mine, HeartbeatMessage.class);
  }

  public <T> T post(String address, String fingerprint, String peerSecret, String path, Object body, Class<T> answer)
      throws PeerException {
    HttpResponse<String> res = send(pinnedClient(fingerprint), address, peerSecret, path, body == null ? "" : JSON.toJson(body));
    return answer == Void.class || res.body().isEmpty() ? null : JSON.fromJson(res.body(), answer);
  }

  /** The peer's Health Monitor address for a path (an IPv6 address in brackets). */
  private URI uri(String address, String path) {
    return URI.create("https://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + hmPort + path);
  }

  /**
   * Streams a batch of the file area's files to the peer: the body is the signed list of the
   * files (path, size, SHA-256) and then their bytes, {@code content}, exactly the sizes listed.
   * With {@code hashesAfter} the list has no hashes: they are asked for once the content is sent
   * and follow it, signed, in the trailer ({@link FileMessages#STREAM_PATH}).
   */
  public FileMessages.BatchResult sendFiles(String address, String fingerprint, String peerSecret,
      FileMessages.FileBatch batch, java.util.function.Supplier<java.io.InputStream> content,
      java.util.function.Supplier<java.util.List<String>> hashesAfter) throws PeerException {
    long bytes = batch.files().stream().mapToLong(org.ncsha.filesync.ManifestEntry::size).sum();
    if (hashesAfter == null) {
      return sendStream(address, fingerprint, peerSecret, FileMessages.BATCH_PATH, batch, content, bytes,
          FileMessages.BatchResult.class);
    }
    String path = FileMessages.STREAM_PATH;
    Stamp stamp = Stamp.now();
    String scope = PeerSignature.requestScope(uri(address, path).getRawAuthority(), path);
    // Made when the content has been read: only then are its hashes known.
    java.io.InputStream trailer = new LazyStream(() -> FileMessages.frame(JSON.toJson(
        FileMessages.trailer(hashesAfter.get(), peerSecret, stamp.time(), stamp.nonce(), scope))));
    return JSON.fromJson(stream(address, fingerprint, peerSecret, path, JSON.toJson(batch), content, bytes, trailer, stamp)
        .body(), FileMessages.BatchResult.class);
  }

  /**
   * Streams {@code bytes} of {@code content} to the peer after a signed part that describes them
   * (their size and SHA-256, which the receiver checks before it keeps anything).
   */
  public <T> T sendStream(String address, String fingerprint, String peerSecret, String path, Object description,
      java.util.function.Supplier<java.io.InputStream> content, long bytes, Class<T> answer) throws PeerException {
    return JSON.fromJson(stream(address, fingerprint, peerSecret, path, JSON.toJson(description), content, bytes, null,
        Stamp.now()).body(), answer);
  }

  /**
   * The signed part, framed, then {@code bytes} of {@code content}, then the {@code trailer} when
   * there is one: then the body is sent chunked, since the trailer's length is known only at the
   * end. The time allowed grows with the size (at least 1 MB/s) on top of the usual peer timeout.
   */
  private StreamedPost.Answer stream(String address, String fingerprint, String peerSecret, String path, String signed,
      java.util.function.Supplier<java.io.InputStream> content, long bytes, java.io.InputStream trailer, Stamp stamp)
      throws PeerException {
    byte[] framed = FileMessages.frame(signed);
    URI uri = uri(address, path);
    Duration allowed = timeout.plusSeconds(bytes / (1024 * 1024));
    Map<String, String> headers = signedHeaders(uri, path, peerSecret, signed, stamp);
    headers.put("Content-Type", "application/octet-stream");
    StreamedPost.Answer answer;
    String pin = pinnedFingerprint(fingerprint);
    StreamedPost post = fileClients.computeIfAbsent(pin, f -> new StreamedPost(PinnedTrust.sslContext(f)));
    try (java.io.InputStream in = content.get()) {
      answer = post.post(uri, headers, framed, in, trailer, trailer == null ? framed.length + bytes : -1, timeout, allowed);
    } catch (IOException e) {
      // Its idle connections too may lead into the same cut link: the next call connects afresh.
      fileClients.remove(pin, post);
      if (e instanceof StreamedPost.DeadlineException || e instanceof java.net.SocketTimeoutException) {
        throw noAnswer(address, allowed, e);
      }
      throw unreachable(address, e);
    }
    return checked(answer, address, peerSecret, path, stamp, false, Instant.now());
  }

  /** A request's time and nonce, which its signature (and a trailer's) covers. */
  private record Stamp(long time, String nonce) {
    static Stamp now() {
      return new Stamp(Instant.now().toEpochMilli(), PeerSignature.newNonce());
    }
  }

  /** The bytes {@code make} gives, made at the first read. */
  private static final class LazyStream extends java.io.InputStream {
    private final java.util.function.Supplier<byte[]> make;
    private java.io.ByteArrayInputStream bytes;

    LazyStream(java.util.function.Supplier<byte[]> make) {
      this.make = make;
    }

    private java.io.ByteArrayInputStream bytes() {
      if (bytes == null) {
        bytes = new java.io.ByteArrayInputStream(make.get());
      }
      return bytes;
    }

    @Override
    public int read() {
      return bytes().read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      return bytes().read(b, off, len);
    }
  }

  /** Sends a signed JSON request and returns the answer once its signature is checked. */
  private HttpResponse<String> send(HttpClient client, String address, String peerSecret, String path, String body)
      throws PeerException {
    Stamp stamp = Stamp.now();
    URI uri = uri(address, path);
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json");
    signedHeaders(uri, path, peerSecret, body, stamp).forEach(builder::header);
    HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> res;
    java.util.concurrent.CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    try {
      // The request's own timeout did not always end the call: a heartbeat over a connection cut
      // while it was sent waited in HttpClient.send for over a minute (its thread dump: parked
      // in CompletableFuture.get), and the Health Monitor's loop with it. This bound always holds.
      res = pending.get(timeout.toMillis() + CALL_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      pending.cancel(true);
      throw timedOut(client, address, timeout, e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof HttpTimeoutException) {
        throw timedOut(client, address, timeout, cause);
      }
      if (cause instanceof IOException io) {
        throw unreachable(address, io);
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new PeerException("Calling " + address + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new PeerException("Interrupted while calling " + address, e);
    }
    checked(StreamedPost.Answer.of(res.statusCode(), res.headers().map(), res.body()), address, peerSecret, path, stamp, true,
        Instant.now());
    return res;
  }

  /** The headers that sign a request: its time, nonce, key id and signature over {@code signed}. */
  private static Map<String, String> signedHeaders(URI uri, String path, String peerSecret, String signed, Stamp stamp) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put(PeerSignature.TIME_HEADER, Long.toString(stamp.time()));
    headers.put(PeerSignature.NONCE_HEADER, stamp.nonce());
    headers.put(PeerSignature.KEY_ID_HEADER, peerSecret == null ? "none" : PeerSignature.keyId(peerSecret));
    headers.put(PeerSignature.SIGNATURE_HEADER, PeerSignature.sign(peerSecret, stamp.time(), stamp.nonce(),
        PeerSignature.requestScope(uri.getRawAuthority(), path), signed));
    return headers;
  }

  private PeerException unreachable(String address, IOException cause) {
    if (cause instanceof ConnectException) {
      return new PeerException("The Health Monitor at " + address + ":" + hmPort + " is not reachable (connection refused)", cause);
    }
    CertificateChangedException changed = certificateChange(cause);
    if (changed != null) {
      return PeerException.certificateChanged(address, changed);
    }
    return new PeerException("The Health Monitor at " + address + ":" + hmPort + " is not reachable: " + cause, cause);
  }

  /**
   * The answer, if it is a success signed with the key for this request; otherwise why not.
   * {@code timesClock}: whether its round trip was short enough to tell the clocks' offset by
   * (a streamed file's is not).
   */
  private StreamedPost.Answer checked(StreamedPost.Answer answer, String address, String peerSecret, String path,
      Stamp stamp, boolean timesClock, Instant received) throws PeerException {
    String time = answer.header(PeerSignature.TIME_HEADER);
    if (timesClock) {
      measureClock(time, stamp.time(), received);
    }
    if (answer.status() == 401) {
      boolean clock = PeerSignature.Check.CLOCK_SKEW.name().equals(answer.header(PeerSignature.REFUSAL_HEADER));
      throw PeerException.untrusted(clock ? clockProblem(address) : keyProblem(address, "rejected the authentication key this server signed with"));
    }
    if (answer.status() == 429) {
      // Only a live server limits its callers (it exempts its peer, so this is a misconfiguration).
      throw PeerException.untrusted("The server at " + address + " answers, but refuses this server's requests as too many");
    }
    if (answer.status() / 100 != 2) {
      throw new PeerException("The Health Monitor at " + address + " answered HTTP " + answer.status() + ": " + answer.body());
    }
    switch (PeerSignature.check(peerSecret, time, stamp.nonce(), PeerSignature.replyPath(path), answer.body(),
        answer.header(PeerSignature.SIGNATURE_HEADER), received)) {
      case VALID -> {
        return answer;
      }
      case CLOCK_SKEW -> throw PeerException.untrusted(clockProblem(address));
      default -> throw PeerException.untrusted(keyProblem(address, "signed its answer with another key"));
    }
  }

  /** A call that did not end in time: its pooled connection may be dead (a cut link leaves it half-open), so start afresh. */
  private PeerException timedOut(HttpClient client, String address, Duration timeout, Throwable cause) {
    clientsByFingerprint.values().remove(client);
    return noAnswer(address, timeout, cause);
  }

  private static PeerException noAnswer(String address, Duration timeout, Throwable cause) {
    return new PeerException("The Health Monitor at " + address + " did not answer within " + timeout.toMillis() + " ms", cause);
  }

  /**
   * The peer's clock minus this node's, from the time it stamped on its answer against the
   * middle of the round trip; null before any answer.
   */
  public Duration clockSkew() {
    return clockSkew;
  }

  private void measureClock(String peerTime, long sentMillis, Instant received) {
    if (peerTime == null) {
      return;
    }
    try {
      long middle = sentMillis + (received.toEpochMilli() - sentMillis) / 2;
      clockSkew = Duration.ofMillis(Long.parseLong(peerTime) - middle);
    } catch (NumberFormatException e) {
      // Not a time: nothing measured.
    }
  }

  private String clockProblem(String address) {
    Duration skew = clockSkew;
    return "The server at " + address + " answers, but its clock is "
        + (skew == null ? "too far" : Math.round(Math.abs(skew.toMillis()) / 1000.0) + " s") + " apart from this server's (at most "
        + PeerSignature.MAX_SKEW.toSeconds() + " s is allowed): synchronize both servers with NTP";
  }

  private static String keyProblem(String address, String what) {
    return "The server at " + address + " answers, but " + what + ": the two servers hold different "
        + "authentication keys; set the same key on both with 'ncs ha authkey <key>'";
  }

  private HttpClient pinnedClient(String fingerprint) throws PeerException {
    return clientsByFingerprint.computeIfAbsent(pinnedFingerprint(fingerprint), f -> client(PinnedTrust.sslContext(f)));
  }

  private static String pinnedFingerprint(String fingerprint) throws PeerException {
    if (fingerprint == null || fingerprint.isBlank()) {
      throw PeerException.untrusted("No certificate is pinned for the peer: register HA first");
    }
    return fingerprint;
  }

  /**
   * HTTP/1.1, never HTTP/2: an HTTP/2 connection left open to the peer holds the peer's Liberty in
   * its stop for the whole quiesce period (30 s, measured: an idle HTTP/1.1 keep-alive does not),
   * so every planned restart of a paired server took half a minute more; and streaming a large
   * body over HTTP/2 to Liberty deadlocked (its window update blocked on a socket the sending
   * client was not reading while it wrote), where TCP's flow control is enough.
   */
  private HttpClient client(SSLContext ssl) {
    return HttpClient.newBuilder().sslContext(ssl).connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
  }

  /** The TOFU failure behind a failed call, if that is what it was; the client wraps it deeply. */
  private static CertificateChangedException certificateChange(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateChangedException changed) {
        return changed;
      }
    }
    return null;
  }
}
