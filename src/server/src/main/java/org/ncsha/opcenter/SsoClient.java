package org.ncsha.opcenter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncsha.files.FileArea;
import org.ncsha.files.FileSync;
import org.ncsha.filesync.SyncPath;
import org.ncsha.node.InvalidInput;
import org.ncsha.node.NodeSettings;
import org.ncsha.oc.HostAddress;
import org.ncsha.security.PinnedClients;

/**
 * This server's SSO server (docs/operations-center.md), the guide's Administration > Users > SSO
 * Servers on a managed instance: Liberty's own OpenID Connect client (openidConnectClient-1.0),
 * turned on by writing its configuration into the file area, which server.xml includes. Adding
 * the SSO server asks the Operations Center for its provider (its admin login), registers this
 * server there as a client (the provider's registration endpoint, a new secret each time), and
 * trusts the certificates of both servers of the Operations Center's pair, taken on first use,
 * so that sign-ins go on after the Operations Center fails over without deleting a certificate.
 */
@ApplicationScoped
public class SsoClient {
  /** The client's configuration; server.xml includes it (an empty server element when off). */
  public static final SyncPath CONFIG = SyncPath.of("settings/sso/client.xml");
  /** The Operations Center's certificates, for Liberty's calls to its provider. */
  public static final SyncPath TRUST = SyncPath.of("settings/sso/trust.p12");
  /** Liberty's id of the client: its redirect path is /oidcclient/redirect/ncs-sso. */
  public static final String CLIENT = "ncs-sso";
  /** The entry that the pages send a browser without a login to (the web module ncs-ha-sso). */
  public static final String ENTRY = "/sso/start";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern ISSUER = Pattern.compile("issuerIdentifier=\"https://([^\"/]+):9443/oidc/endpoint/");
  private static final Pattern TRUST_PASSWORD = Pattern.compile("id=\"ssoTrustStore\"[^>]*password=\"([0-9a-f]+)\"");
  private static final Logger LOG = Logger.getLogger(SsoClient.class.getName());

  @Inject FileSync files;
  @Inject NodeSettings node;

  private final PinnedClients clients = new PinnedClients(TIMEOUT);
  private final SsoInclude include = new SsoInclude("openidConnectClient");

  /** Whether page logins go through the SSO server (asked on every page request without a login). */
  public boolean isOn() {
    try {
      return include.configures(files.area().file(CONFIG));
    } catch (FileArea.Refused e) {
      return false;
    }
  }

  /** The SSO server's host (its provider's issuer) when one is set. */
  public Optional<String> server() {
    try {
      return files.area().read(CONFIG, 1 << 16).map(b -> new String(b, StandardCharsets.UTF_8))
          .flatMap(SsoClient::issuerHostIn);
    } catch (IOException | FileArea.Refused e) {
      return Optional.empty();
    }
  }

  static Optional<String> issuerHostIn(String clientXml) {
    Matcher m = ISSUER.matcher(clientXml);
    return m.find() ? Optional.of(m.group(1).replace("[", "").replace("]", "")) : Optional.empty();
  }

  /** Adds (or replaces) the SSO server; returns its issuer. Nothing is written unless every step succeeded. */
  public synchronized String add(OcForms.AddSsoServer form) throws InvalidInput, IOException, FileArea.Refused {
    SsoProvider.requireFeatures(node);
    List<String> problems = form.problems();
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    String address = form.getAddress().strip();
    String user = form.getUser().strip();
    Map<String, X509Certificate> trusted = new LinkedHashMap<>();
    HttpResponse<String> sso = call(address, "GET", "/api/operations-center/sso", user, form.getPassword(), null, "address");
    presented(sso).ifPresent(c -> trusted.put(alias(address), c));
    JsonObject provider = object(sso, address, "/api/operations-center/sso", "address");
    if (!provider.getBoolean("enabled", false)) {
      throw new InvalidInput(List.of("address: " + address + " has no Single Sign-On server set up: set it up on the"
          + " Operations Center first (its page, or POST /api/operations-center/sso)"));
    }
    String issuer = provider.getString("issuer");
    String issuerHost = provider.getString("issuerHost");
    // Both servers of the Operations Center's pair, and the issuer's address (its virtual IP): taken now, on first use.
    JsonObject status = object(call(address, "GET", "/api/admin/ha/status", user, form.getPassword(), null, "address"),
        address, "/api/admin/ha/status", "address");
    List<String> others = new ArrayList<>(List.of(issuerHost));
    if (status.get("secondaryServer") instanceof jakarta.json.JsonString peer && !peer.getString().isBlank()) {
      others.add(peer.getString());
    }
    for (String other : others) {
      if (!trusted.containsKey(alias(other))) {
        try {
          presented(call(other, "GET", "/api/admin/ha/status", null, null, null, "address"))
              .ifPresent(c -> trusted.put(alias(other), c));
        } catch (InvalidInput e) {
          LOG.warning("SSO server: no certificate from " + other + " (" + String.join("; ", e.problems())
              + "); after a failover to it, its certificate has to be trusted again (docs/operations-center.md)");
        }
      }
    }
    String clientId = "ncs-" + node.address().replace(':', '-');
    String secret = random(24);
    String redirect = "https://" + HostAddress.urlHost(node.address()) + ":" + node.adminPort() + "/oidcclient/redirect/" + CLIENT;
    String registration = URI.create(issuer).getPath() + "/registration";
    String metadata = Json.createObjectBuilder()
        .add("client_id", clientId).add("client_secret", secret).add("client_name", "ncs-ha " + node.address())
        .add("redirect_uris", Json.createArrayBuilder().add(redirect))
        .add("grant_types", Json.createArrayBuilder().add("authorization_code"))
        .add("response_types", Json.createArrayBuilder().add("code"))
        .add("token_endpoint_auth_method", "client_secret_basic")
        .add("scope", "openid profile").add("preauthorized_scope", "openid profile").build().toString();
    // Registered before (added again, or by the other server of this pair): updated with the new secret.
    boolean known = call(issuerHost, "GET", registration + "/" + clientId, user, form.getPassword(), null, "address")
        .statusCode() == 200;
    HttpResponse<String> registered = known
        ? call(issuerHost, "PUT", registration + "/" + clientId, user, form.getPassword(), metadata, "address")
        : call(issuerHost, "POST", registration, user, form.getPassword(), metadata, "address");
    if (registered.statusCode() != 201 && registered.statusCode() != 200) {
      throw new InvalidInput(List.of("address: the Single Sign-On server at " + issuerHost + " did not register this server"
          + " as its client (HTTP " + registered.statusCode() + ": " + registered.body().strip() + ")"));
    }
    String trustPassword = random(16);
    files.area().write(TRUST, trustStore(trusted, trustPassword));
    files.area().write(CONFIG, clientXml(issuer, clientId, secret, trustPassword,
        "https://" + HostAddress.urlHost(node.address()) + ":" + node.adminPort()).getBytes(StandardCharsets.UTF_8));
    LOG.info("SSO server " + issuer + " added; this server is its client " + clientId + ", trusting the certificates of "
        + trusted.keySet());
    return issuer;
  }

  /** Deletes the SSO server: page logins are this server's own again. */
  public synchronized boolean delete() throws IOException, FileArea.Refused {
    boolean had = server().isPresent();
    files.area().write(CONFIG, SsoProvider.OFF.getBytes(StandardCharsets.UTF_8));
    files.area().delete(TRUST);
    if (had) {
      LOG.info("SSO server deleted; page logins are this server's own");
    }
    return had;
  }

  private HttpResponse<String> call(String host, String method, String path, String user, String password, String json,
      String field) throws InvalidInput {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://" + HostAddress.urlHost(host) + ":9443" + path))
        .timeout(TIMEOUT).header("Accept", "application/json");
    if (user != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      return clients.forPin(null).send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new InvalidInput(List.of(field + ": no answer from " + host + ":9443 (" + e + ")"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidInput(List.of(field + ": interrupted while calling " + host));
    }
  }

  private static JsonObject object(HttpResponse<String> res, String host, String path, String field) throws InvalidInput {
    if (res.statusCode() == 401 || res.statusCode() == 403 || res.statusCode() == 429) {
      throw new InvalidInput(List.of("user: " + host + " refused the administrator login given (HTTP " + res.statusCode() + ")"));
    }
    if (res.statusCode() != 200) {
      throw new InvalidInput(List.of(field + ": " + host + " is not an Operations Center of this product (" + path
          + " answered HTTP " + res.statusCode() + ")"));
    }
    try (var reader = Json.createReader(new StringReader(res.body()))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new InvalidInput(List.of(field + ": " + host + " answered " + path + " with what is not a JSON object"));
    }
  }

  private static Optional<X509Certificate> presented(HttpResponse<String> res) {
    return res.sslSession().flatMap(s -> {
      try {
        Certificate[] chain = s.getPeerCertificates();
        return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        return Optional.empty();
      }
    });
  }

  /** A PKCS12 trust store of these certificates, each under the address that presented it. */
  static byte[] trustStore(Map<String, X509Certificate> certificates, String password) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (Map.Entry<String, X509Certificate> c : certificates.entrySet()) {
        ks.setCertificateEntry(c.getKey(), c.getValue());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ks.store(out, password.toCharArray());
      return out.toByteArray();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write the SSO server's trust store: " + e.getMessage(), e);
    }
  }

  /** The trust store's certificates by address. */
  static Map<String, X509Certificate> trusted(byte[] store, String password) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(new java.io.ByteArrayInputStream(store), password.toCharArray());
      Map<String, X509Certificate> certificates = new LinkedHashMap<>();
      for (String alias : java.util.Collections.list(ks.aliases())) {
        if (ks.getCertificate(alias) instanceof X509Certificate x) {
          certificates.put(alias, x);
        }
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the SSO server's trust store: " + e.getMessage(), e);
    }
  }

  /**
   * The guide's {@code ncs certvalidation tofu-certs deletecert host <virtual ip>} on an instance:
   * forgets the certificate kept for that address and trusts the one it presents now (the other
   * server's after a failover, a replaced server's). False when the SSO server's store has no
   * certificate for it (or there is no SSO server).
   */
  public synchronized boolean trustAgain(String host) throws IOException, FileArea.Refused, InvalidInput {
    Optional<String> config = files.area().read(CONFIG, 1 << 16).map(b -> new String(b, StandardCharsets.UTF_8));
    Optional<String> password = config.flatMap(SsoClient::trustPasswordIn);
    Optional<byte[]> store = files.area().read(TRUST, 1 << 20);
    if (password.isEmpty() || store.isEmpty()) {
      return false;
    }
    Map<String, X509Certificate> certificates = trusted(store.get(), password.get());
    if (!certificates.containsKey(alias(host))) {
      return false;
    }
    X509Certificate now = presented(call(host, "GET", "/api/admin/ha/status", null, null, null, "host")).orElseThrow(
        () -> new InvalidInput(List.of("host: " + host + " presented no certificate")));
    certificates.put(alias(host), now);
    files.area().write(TRUST, trustStore(certificates, password.get()));
    LOG.info("SSO server: trusting again the certificate " + host + " presents now (" + now.getSubjectX500Principal() + ")");
    return true;
  }

  /** A trust store's name for an address's certificate: PKCS12 keeps aliases in lower case. */
  private static String alias(String address) {
    return address.toLowerCase(java.util.Locale.ROOT);
  }

  static Optional<String> trustPasswordIn(String clientXml) {
    Matcher m = TRUST_PASSWORD.matcher(clientXml);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * Liberty's client for the provider at issuer: only for the SSO entry (authFilter), trusting
   * exactly the Operations Center's servers' certificates (so without the host name check: each
   * server's certificate names its own address, not the virtual IP the calls go to), endpoints
   * given explicitly (discovery, re-read while no provider answers, left sign-ins broken for
   * minutes in the prototype), the user mapped to this server's own registry (its groups, so its
   * roles), and the redirect back to this server's own address, as registered.
   */
  static String clientXml(String issuer, String clientId, String secret, String trustPassword, String self) {
    String area = "${server.config.dir}/../../../files/";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Written by ncs-ha (Administration > Users > SSO Servers). -->\n"
        + "<server>\n"
        + "  <keyStore id=\"ssoTrustStore\" location=\"" + area + TRUST.path() + "\" type=\"PKCS12\" password=\""
        + trustPassword + "\" updateTrigger=\"polled\" pollingRate=\"5s\"/>\n"
        + "  <ssl id=\"ssoSSL\" keyStoreRef=\"defaultKeyStore\" trustStoreRef=\"ssoTrustStore\" sslProtocol=\"TLSv1.3,TLSv1.2\""
        + " verifyHostname=\"false\"/>\n"
        + "  <authFilter id=\"ssoEntry\">\n"
        + "    <requestUrl id=\"ssoEntryStart\" urlPattern=\"" + ENTRY + "\" matchType=\"contains\"/>\n"
        + "  </authFilter>\n"
        + "  <openidConnectClient id=\"" + CLIENT + "\" authFilterRef=\"ssoEntry\" clientId=\"" + clientId + "\" clientSecret=\""
        + secret + "\"\n"
        + "      issuerIdentifier=\"" + issuer + "\" authorizationEndpointUrl=\"" + issuer + "/authorize\"\n"
        + "      tokenEndpointUrl=\"" + issuer + "/token\" jwkEndpointUrl=\"" + issuer + "/jwk\" tokenEndpointAuthMethod=\"basic\"\n"
        + "      signatureAlgorithm=\"RS256\" scope=\"openid profile\" sslRef=\"ssoSSL\" userIdentityToCreateSubject=\"sub\"\n"
        + "      mapIdentityToRegistryUser=\"true\" isClientSideRedirectSupported=\"false\" hostNameVerificationEnabled=\"false\"\n"
        + "      redirectToRPHostAndPort=\"" + self
        + "\"/>\n"
        + "</server>\n";
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
