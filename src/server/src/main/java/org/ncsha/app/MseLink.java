package org.ncsha.app;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.ncsha.mse.ServerInfo;
import org.ncsha.security.PinnedTrust;

/**
 * The admin server's calls to an MSE's Health Monitor (8082, HTTPS): its getserverinfo, which
 * needs no login, and, as {@code root} with the MSE's password (the Prime Infrastructure password
 * its setup made its HA key), a check of that password, the registration of a pair and its
 * failback. The first
 * look at an MSE takes the certificate it presents and every later one requires that certificate
 * (trust on first use, as the pair's own servers do).
 */
public final class MseLink {
  private static final Jsonb JSON = JsonbBuilder.create();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** A key set on the MSE is hashed there (PBKDF2, twice, and once more for a login with a key not seen yet): seconds. */
  private static final Duration KEY_TIMEOUT = Duration.ofSeconds(30);
  /** The Health Monitor's user for REST calls with the key. */
  private static final String ROOT = "root";

  private final int hmPort;
  private final org.ncsha.security.PinnedClients clients = new org.ncsha.security.PinnedClients(TIMEOUT);

  public MseLink(int hmPort) {
    this.hmPort = hmPort;
  }

  /** What a look found: the MSE's answer and the certificate it presented. */
  public record Seen(ServerInfo info, String fingerprint) {}

  /** Why a call found no usable answer, worded for the administrator. */
  public static final class Unreachable extends Exception {
    public Unreachable(String message) {
      super(message);
    }
  }

  /** An answer of the MSE: its status and body. */
  public record Answer(int status, String body) {}

  /**
   * The MSE's getserverinfo. {@code fingerprint} null: the first look, which takes whatever
   * certificate is presented and reports it; otherwise only that certificate is accepted.
   */
  public Seen serverInfo(String address, String fingerprint) throws Unreachable {
    HttpResponse<String> res = send(address, fingerprint, HttpRequest.newBuilder(uri(address, "/api/mse/serverinfo")).GET());
    if (res.statusCode() == 404) {
      throw new Unreachable(address + " answers but is not an MSE (its Health Monitor has no getserverinfo)");
    }
    if (res.statusCode() != 200) {
      throw new Unreachable(address + " answered getserverinfo with HTTP " + res.statusCode());
    }
    ServerInfo info;
    try {
      info = JSON.fromJson(res.body(), ServerInfo.class);
    } catch (RuntimeException e) {
      throw new Unreachable(address + " answered getserverinfo with what is not server information: " + e.getMessage());
    }
    String presented = res.sslSession().map(PinnedTrust::presentedFingerprint).orElse(null);
    return new Seen(info, fingerprint != null ? fingerprint : presented);
  }

  /** Whether the MSE takes {@code password} (its Health Monitor's login as root). */
  public boolean accepts(String address, String fingerprint, char[] password) throws Unreachable {
    HttpResponse<String> res = send(address, fingerprint, HttpRequest.newBuilder(uri(address, "/api/events?max=1"))
        .header("Authorization", basic(password)).GET());
    if (res.statusCode() == 401 || res.statusCode() == 429) {
      return false;
    }
    if (res.statusCode() != 200) {
      throw new Unreachable(address + " answered the password check with HTTP " + res.statusCode());
    }
    return true;
  }

  /** Registers the pair on the primary MSE, as {@code ncs ha register} does there; its answer as given. */
  public Answer register(String primary, String fingerprint, char[] password, String body) throws Unreachable {
    return answer(send(primary, fingerprint, HttpRequest.newBuilder(uri(primary, "/api/actions/register"))
        .header("Authorization", basic(password)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))));
  }

  /** The MSE Health Monitor's status document (no login), as given. */
  public String status(String address, String fingerprint) throws Unreachable {
    HttpResponse<String> res = send(address, fingerprint, HttpRequest.newBuilder(uri(address, "/api/status")).GET());
    if (res.statusCode() != 200) {
      throw new Unreachable(address + " answered its status with HTTP " + res.statusCode());
    }
    return res.body();
  }

  /**
   * Makes the MSE forget the certificate it pinned for {@code peer} (the guide's {@code ncs
   * certvalidation tofu-certs deletecert host}): its next heartbeat pins the one the peer
   * presents, and only if the peer's answer is signed with the pair's key.
   */
  public Answer forgetPeerCertificate(String address, String fingerprint, char[] password, String peer) throws Unreachable {
    return answer(send(address, fingerprint, HttpRequest.newBuilder(uri(address, "/api/tofu-certs/" + peer))
        .header("Authorization", basic(password)).DELETE()));
  }

  /** The salt the MSE derives its peer secret with ({@code GET /api/peer/salt}, public by nature). */
  public String peerSalt(String address, String fingerprint) throws Unreachable {
    HttpResponse<String> res = send(address, fingerprint, HttpRequest.newBuilder(uri(address, "/api/peer/salt")).GET());
    String salt = res.statusCode() == 200 ? MseJson.field(res.body(), "salt") : null;
    if (salt == null) {
      throw new Unreachable(address + " did not say its peer salt (HTTP " + res.statusCode() + ")");
    }
    return salt;
  }

  /** Gives a replaced primary MSE its pair's salt, with the pair's key ({@code POST /api/actions/authkey}). */
  public Answer joinPairSalt(String address, String fingerprint, char[] key, String salt) throws Unreachable {
    String body = jakarta.json.Json.createObjectBuilder().add("key", new String(key)).add("salt", salt).build().toString();
    return answer(send(address, fingerprint, HttpRequest.newBuilder(uri(address, "/api/actions/authkey"))
        .header("Authorization", basic(key)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)), KEY_TIMEOUT));
  }

  /** Starts the failback on the active secondary MSE, as its Health Monitor page's Failback does. */
  public Answer failback(String secondary, String fingerprint, char[] password) throws Unreachable {
    return answer(send(secondary, fingerprint, HttpRequest.newBuilder(uri(secondary, "/api/actions/failback"))
        .header("Authorization", basic(password)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}"))));
  }

  private static Answer answer(HttpResponse<String> res) {
    return new Answer(res.statusCode(), res.body());
  }

  private HttpResponse<String> send(String address, String fingerprint, HttpRequest.Builder request) throws Unreachable {
    return send(address, fingerprint, request, TIMEOUT);
  }

  private HttpResponse<String> send(String address, String fingerprint, HttpRequest.Builder request, Duration timeout)
      throws Unreachable {
    try {
      return clients.forPin(fingerprint).send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    } catch (javax.net.ssl.SSLHandshakeException e) {
      throw new Unreachable(address + " presented a certificate other than the one met when it was added (" + e.getMessage()
          + "): the admin server trusts only that one, so a replaced MSE is not trusted until it is deleted from the"
          + " list and added again");
    } catch (IOException e) {
      throw new Unreachable("no answer from the Health Monitor at " + address + ":" + hmPort + " (" + e + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted while calling " + address);
    }
  }

  private URI uri(String address, String path) {
    String host = address.contains(":") ? "[" + address + "]" : address;
    return URI.create("https://" + host + ":" + hmPort + path);
  }

  private static String basic(char[] password) {
    return "Basic " + Base64.getEncoder().encodeToString((ROOT + ":" + new String(password)).getBytes(StandardCharsets.UTF_8));
  }
}
