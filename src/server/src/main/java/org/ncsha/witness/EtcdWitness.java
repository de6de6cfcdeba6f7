package org.ncsha.witness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A leader lease in etcd through its v3 HTTP/JSON gateway ({@code /v3/lease/grant},
 * {@code /v3/lease/keepalive}, {@code /v3/kv/txn}, {@code /v3/lease/revoke}). The gateway rather
 * than the gRPC client (jetcd): no gRPC and Netty stack inside the application server, and every
 * call has an explicit deadline on the JDK's HTTP client, which the fencing margin relies on.
 * Endpoints are tried in order; the first that answers is used.
 */
public final class EtcdWitness {
  private static final Pattern ID = Pattern.compile("\"ID\":\"(-?\\d+)\"");
  private static final Pattern TTL = Pattern.compile("\"TTL\":\"(-?\\d+)\"");
  private static final Pattern VALUE = Pattern.compile("\"value\":\"([A-Za-z0-9+/=]*)\"");

  private final List<URI> endpoints;
  private final Duration timeout;
  private final HttpClient http;

  public EtcdWitness(List<String> endpoints, Duration timeout) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("witness.etcd.endpoints: at least one http://host:port is needed");
    }
    this.endpoints = endpoints.stream().map(e -> URI.create(e.endsWith("/") ? e : e + "/")).toList();
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** A new lease of the given TTL; its ID. */
  public long grant(long ttlSeconds) throws WitnessException {
    String body = call("v3/lease/grant", "{\"TTL\":\"" + ttlSeconds + "\"}");
    return Long.parseLong(find(ID, body, "lease/grant"));
  }

  /** Renews the lease; the TTL it now has, or 0 when it had already expired. */
  public long keepAlive(long leaseId) throws WitnessException {
    String body = call("v3/lease/keepalive", "{\"ID\":\"" + leaseId + "\"}");
    Matcher m = TTL.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * Puts {@code key = value} under the lease if the key does not exist. Returns null when it was
   * taken, otherwise the value of whoever holds it (the key exists under another lease).
   */
  public String acquire(String key, String value, long leaseId) throws WitnessException {
    String k = b64(key);
    String body = call("v3/kv/txn", "{\"compare\":[{\"key\":\"" + k + "\",\"target\":\"CREATE\",\"create_revision\":\"0\"}],"
        + "\"success\":[{\"request_put\":{\"key\":\"" + k + "\",\"value\":\"" + b64(value) + "\",\"lease\":\"" + leaseId
        + "\"}}],\"failure\":[{\"request_range\":{\"key\":\"" + k + "\"}}]}");
    if (body.contains("\"succeeded\":true")) {
      return null;
    }
    Matcher m = VALUE.matcher(body);
    return m.find() ? new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8) : "(unknown)";
  }

  /** The value under the key, or null when nobody holds it. */
  public String holder(String key) throws WitnessException {
    String body = call("v3/kv/range", "{\"key\":\"" + b64(key) + "\"}");
    Matcher m = VALUE.matcher(body);
    return m.find() ? new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8) : null;
  }

  /** Ends the lease at once; the keys under it are deleted with it. */
  public void revoke(long leaseId) throws WitnessException {
    call("v3/lease/revoke", "{\"ID\":\"" + leaseId + "\"}");
  }

  private String call(String path, String json) throws WitnessException {
    WitnessException last = null;
    for (URI endpoint : endpoints) {
      HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return r.body();
        }
        last = new WitnessException(endpoint + path + " answered " + r.statusCode() + ": " + abbreviate(r.body()));
      } catch (IOException e) {
        last = new WitnessException(endpoint + " did not answer: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WitnessException("interrupted while calling " + endpoint, e);
      }
    }
    throw last;
  }

  private static String find(Pattern p, String body, String what) throws WitnessException {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new WitnessException("unexpected answer to " + what + ": " + abbreviate(body));
    }
    return m.group(1);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
