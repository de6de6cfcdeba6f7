package org.ncsha.opcenter;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.ncsha.oc.HostAddress;
import org.ncsha.oc.InstanceLook;
import org.ncsha.security.PinnedClients;
import org.ncsha.security.PinnedTrust;

/**
 * The Operations Center's calls to a managed instance's admin REST (9443, HTTPS, the instance's
 * administrator login): its HA status and its device count. The first call to a server takes the
 * certificate it presents; every later call to it requires that certificate (trust on first use,
 * as the pair's own servers and the MSE list do).
 */
public final class InstanceLink {
  /** Every server of this product answers its administrators on 9443. */
  public static final int ADMIN_PORT = 9443;
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final PinnedClients clients = new PinnedClients(TIMEOUT);

  /** Why a call found no usable answer, worded for the administrator. */
  public static final class Unreachable extends Exception {
    public Unreachable(String message) {
      super(message);
    }
  }

  /** One server's answer and the certificate it presented. */
  public record Seen(InstanceLook.Answer answer, String fingerprint) {}

  /**
   * The server's HA status and, when it serves, its device count, as {@code user} with {@code
   * password}. {@code fingerprint} null: a first call, which takes the certificate presented.
   */
  public Seen look(String address, String fingerprint, String user, char[] password) throws Unreachable {
    HttpResponse<String> status = get(address, fingerprint, "/api/admin/ha/status", user, password);
    JsonObject s = object(address, status);
    String presented = status.sslSession().map(PinnedTrust::presentedFingerprint).orElse(null);
    boolean serving = s.getBoolean("serving", false);
    String peer = s.get("secondaryServer") instanceof jakarta.json.JsonString text && !text.getString().isBlank()
        ? text.getString() : null;
    int devices = -1;
    if (serving) {
      JsonValue count = object(address, get(address, fingerprint != null ? fingerprint : presented, "/api/devices/count",
          user, password)).get("count");
      devices = count instanceof JsonNumber n ? n.intValue() : -1;
    }
    return new Seen(new InstanceLook.Answer(address, s.getString("state", "unknown"), serving, peer, devices),
        fingerprint != null ? fingerprint : presented);
  }

  private static JsonObject object(String address, HttpResponse<String> res) throws Unreachable {
    if (res.statusCode() == 401 || res.statusCode() == 403 || res.statusCode() == 429) {
      throw new Unreachable(address + " refused the administrator login given for it (HTTP " + res.statusCode() + ")");
    }
    if (res.statusCode() == 404) {
      throw new Unreachable(address + " answers on " + ADMIN_PORT + " but is not a server of this product (HTTP 404)");
    }
    if (res.statusCode() != 200) {
      throw new Unreachable(address + " answered with HTTP " + res.statusCode());
    }
    try (var reader = Json.createReader(new StringReader(res.body()))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new Unreachable(address + " answered with what is not a JSON object: " + e.getMessage());
    }
  }

  private HttpResponse<String> get(String address, String fingerprint, String path, String user, char[] password)
      throws Unreachable {
    String basic = Base64.getEncoder().encodeToString((user + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + HostAddress.urlHost(address) + ":" + ADMIN_PORT + path))
        .header("Authorization", "Basic " + basic).timeout(TIMEOUT).GET().build();
    try {
      return clients.forPin(fingerprint).send(request, HttpResponse.BodyHandlers.ofString());
    } catch (javax.net.ssl.SSLHandshakeException e) {
      throw new Unreachable(address + " presented a certificate other than the one met when it was added (" + e.getMessage()
          + "): delete the instance from the list and add it again if its certificate was replaced");
    } catch (IOException e) {
      throw new Unreachable("no answer from " + address + ":" + ADMIN_PORT + " (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while calling " + address);
    }
  }
}
