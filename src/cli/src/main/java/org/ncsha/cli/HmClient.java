package org.ncsha.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.ncsha.security.PinnedTrust;

/** HTTPS calls to the local Health Monitor, trusting only the node's own pinned certificate. */
final class HmClient {
  static final String TOKEN_HEADER = "X-NCS-CLI-Token";

  /** An HTTP answer of the Health Monitor. */
  record Answer(int status, String body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final String baseUri;
  private final Duration timeout;
  private final HttpClient http;

  HmClient(String baseUri, String fingerprint, Duration timeout) throws CliException {
    this.baseUri = baseUri;
    this.timeout = timeout;
    try {
      // HTTP/1.1: an open HTTP/2 connection holds Liberty's stop (ncs stop, restart) for its 30-s quiesce.
      this.http = HttpClient.newBuilder()
          .sslContext(PinnedTrust.sslContext(fingerprint))
          .connectTimeout(timeout)
          .version(HttpClient.Version.HTTP_1_1)
          .build();
    } catch (IllegalArgumentException e) {
      throw CliException.failure("The node's tls.fingerprint file is damaged: " + e.getMessage());
    }
  }

  Answer get(String path) throws CliException {
    return send(request(path).GET().build());
  }

  /** A GET that needs the local administrator's token. */
  Answer get(String path, String token) throws CliException {
    return send(request(path).header(TOKEN_HEADER, token).GET().build());
  }

  Answer post(String path, String json, String token) throws CliException {
    return send(request(path)
        .header("Content-Type", "application/json")
        .header(TOKEN_HEADER, token)
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  /** Uploads a file as the body (an update bundle). */
  Answer postFile(String path, java.nio.file.Path file, String token) throws CliException {
    try {
      return send(request(path)
          .header("Content-Type", "application/zip")
          .header(TOKEN_HEADER, token)
          .POST(HttpRequest.BodyPublishers.ofFile(file))
          .build());
    } catch (java.io.FileNotFoundException e) {
      throw CliException.usage("FILE: " + file + " cannot be read");
    }
  }

  Answer delete(String path, String token) throws CliException {
    return send(request(path).header(TOKEN_HEADER, token).DELETE().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(timeout).header("Accept", "application/json");
  }

  private Answer send(HttpRequest request) throws CliException {
    String where = "The Health Monitor at " + baseUri;
    try {
      HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(res.statusCode(), res.body());
    } catch (IOException e) {
      // The client sometimes wraps the real cause: look down the chain.
      if (causedBy(e, HttpTimeoutException.class)) {
        throw CliException.failure(where + " did not answer within " + timeout.toSeconds() + " s.");
      }
      if (causedBy(e, ConnectException.class)) {
        throw CliException.failure(where + " is not reachable (connection refused): is the ncs-ha server running?"
            + " Check with 'ncs status'.");
      }
      if (causedBy(e, SSLHandshakeException.class)) {
        throw CliException.failure(where + " presented a TLS certificate other than the node's own"
            + " (etc/tls.fingerprint): refusing to talk to it.");
      }
      throw CliException.failure(where + " is not reachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliException.failure("Interrupted while waiting for " + baseUri);
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
