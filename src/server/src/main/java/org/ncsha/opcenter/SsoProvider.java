package org.ncsha.opcenter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ncsha.files.FileArea;
import org.ncsha.files.FileSync;
import org.ncsha.filesync.SyncPath;
import org.ncsha.node.InvalidInput;
import org.ncsha.oc.HostAddress;

/**
 * The Operations Center's Single Sign-On server (docs/operations-center.md): Liberty's own
 * OpenID Connect provider (openidConnectServer-1.0), turned on by writing its configuration into
 * the file area, which server.xml includes. Its issuer is the address the administrator gives
 * (the guide: the virtual IP, or the primary's address without one). The RS256 signing key and
 * that configuration are in the settings class, so file sync gives the secondary the same
 * provider within a second; the client registrations and tokens are in the replicated database
 * (V5). The secondary therefore issues tokens the instances accept after a failover.
 */
@ApplicationScoped
public class SsoProvider {
  /** The provider's configuration; server.xml includes it (an empty server element when off). */
  public static final SyncPath CONFIG = SyncPath.of("settings/sso/provider.xml");
  /** The token-signing key (PKCS12, RSA 2048). */
  public static final SyncPath SIGNING_KEY = SyncPath.of("settings/sso/signing.p12");
  /** The provider's id in Liberty: its endpoints are /oidc/endpoint/ncs/... */
  public static final String PROVIDER_ID = "ncs";
  public static final String OFF = "<server/>\n";
  private static final String KEY_ALIAS = "sso-signing";
  private static final Pattern ISSUER = Pattern.compile("issuerIdentifier=\"https://([^\"/]+):9443/oidc/endpoint/"
      + PROVIDER_ID + "\"");
  private static final Pattern KEY_PASSWORD = Pattern.compile("id=\"ssoSigningKeyStore\"[^>]*password=\"([0-9a-f]+)\"");
  private static final Logger LOG = Logger.getLogger(SsoProvider.class.getName());

  @Inject FileSync files;
  @Inject OperationsCenter center;
  @Inject org.ncsha.node.NodeSettings node;

  /** Refused unless the node runs Liberty's OpenID Connect features (node setting single.sign.on=yes). */
  static void requireFeatures(org.ncsha.node.NodeSettings node) throws InvalidInput {
    if (!node.singleSignOn()) {
      throw new InvalidInput(List.of("single.sign.on: this server runs without Liberty's OpenID Connect features; set it"
          + " up with 'ncs node init ... --set single.sign.on=yes' and restart it (docs/operations-center.md)"));
    }
  }

  private final SsoInclude include = new SsoInclude("openidConnectProvider");

  /** Whether the provider is on (asked on every page login, for the session its sign-ins need). */
  public boolean isOn() {
    try {
      return include.configures(area().file(CONFIG));
    } catch (FileArea.Refused e) {
      return false;
    }
  }

  /** The issuer's host when the provider is on. */
  public Optional<String> issuerHost() {
    return config().flatMap(SsoProvider::issuerHostIn);
  }

  static Optional<String> issuerHostIn(String providerXml) {
    return group(ISSUER, providerXml).map(h -> h.startsWith("[") ? h.substring(1, h.length() - 1) : h);
  }

  public static String issuer(String host) {
    return "https://" + HostAddress.urlHost(host) + ":9443/oidc/endpoint/" + PROVIDER_ID;
  }

  /**
   * Turns the provider on with this issuer, or moves it to another one; the signing key is made
   * once and kept, so tokens already issued stay verifiable.
   */
  public synchronized String enable(String issuerHost) throws InvalidInput, IOException, FileArea.Refused {
    String host = issuerHost == null ? "" : issuerHost.trim();
    Optional<String> problem = HostAddress.problem("issuerHost", host);
    if (problem.isPresent()) {
      throw new InvalidInput(List.of(problem.get()));
    }
    requireFeatures(node);
    if (!center.isActive()) {
      throw new InvalidInput(List.of("activation: this server is not an Operations Center; activate it before"
          + " setting up its Single Sign-On server"));
    }
    Optional<String> password = config().flatMap(SsoProvider::keyPasswordIn);
    if (password.isEmpty() || area().read(SIGNING_KEY, 1 << 20).isEmpty()) {
      password = Optional.of(newSigningKey(host));
      LOG.info("Single Sign-On: made the token-signing key (" + SIGNING_KEY + ")");
    }
    // The key first: the configuration that names it reaches the secondary after it.
    area().write(CONFIG, providerXml(issuer(host), password.get()).getBytes(StandardCharsets.UTF_8));
    LOG.info("Single Sign-On server on, issuer " + issuer(host));
    return issuer(host);
  }

  /** Turns the provider off; the registrations stay in the database for a later setup. */
  public synchronized boolean disable() throws IOException, FileArea.Refused {
    boolean wasOn = issuerHost().isPresent();
    area().write(CONFIG, OFF.getBytes(StandardCharsets.UTF_8));
    area().delete(SIGNING_KEY);
    if (wasOn) {
      LOG.info("Single Sign-On server off");
    }
    return wasOn;
  }

  private Optional<String> config() {
    try {
      return area().read(CONFIG, 1 << 16).map(b -> new String(b, StandardCharsets.UTF_8));
    } catch (IOException | FileArea.Refused e) {
      LOG.warning("Single Sign-On: cannot read " + CONFIG + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private FileArea area() {
    return files.area();
  }

  private String newSigningKey(String host) throws IOException, FileArea.Refused {
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    Path dir = Files.createTempDirectory("sso-key");
    Path store = dir.resolve("signing.p12");
    try {
      ProcessBuilder pb = new ProcessBuilder(keytool(), "-genkeypair", "-alias", KEY_ALIAS, "-keyalg", "RSA",
          "-keysize", "2048", "-validity", "3650", "-dname", "CN=" + host + ", O=ncs-ha Single Sign-On",
          "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass:env", "NCS_KSPW").redirectErrorStream(true);
      pb.environment().put("NCS_KSPW", password);
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("keytool could not make the signing key: " + output.strip());
      }
      area().write(SIGNING_KEY, Files.readAllBytes(store));
      return password;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the signing key");
    } finally {
      Files.deleteIfExists(store);
      Files.deleteIfExists(dir);
    }
  }

  private static String keytool() {
    Path bin = Path.of(System.getProperty("java.home"), "bin", "keytool");
    return Files.isExecutable(bin) ? bin.toString() : "keytool";
  }

  /**
   * Liberty's provider: its registrations and tokens in the application's database (replicated),
   * the key from the file area; any administrator may sign in through it and register clients.
   * Paths are relative to the server's configuration directory, the same on both servers.
   */
  static String providerXml(String issuer, String keyPassword) {
    String area = "${server.config.dir}/../../../files/";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<!-- Written by ncs-ha (Operations Center > Single Sign-On server); file sync carries it to the"
        + " secondary. -->\n"
        + "<server>\n"
        + "  <keyStore id=\"ssoSigningKeyStore\" location=\"" + area + SIGNING_KEY.path() + "\" type=\"PKCS12\""
        + " password=\"" + keyPassword + "\"/>\n"
        + "  <oauthProvider id=\"ncsOAuth\" httpsRequired=\"true\">\n"
        + "    <databaseStore dataSourceRef=\"appDataSource\" schema=\"public\"/>\n"
        + "  </oauthProvider>\n"
        + "  <openidConnectProvider id=\"" + PROVIDER_ID + "\" oauthProviderRef=\"ncsOAuth\" issuerIdentifier=\"" + issuer
        + "\" signatureAlgorithm=\"RS256\" keyStoreRef=\"ssoSigningKeyStore\" keyAliasName=\"" + KEY_ALIAS + "\"/>\n"
        + "  <oauth-roles>\n"
        + "    <authenticated><group name=\"administrators\"/></authenticated>\n"
        + "    <clientManager><group name=\"administrators\"/></clientManager>\n"
        + "  </oauth-roles>\n"
        + "</server>\n";
  }

  static Optional<String> keyPasswordIn(String providerXml) {
    return group(KEY_PASSWORD, providerXml);
  }

  private static Optional<String> group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
