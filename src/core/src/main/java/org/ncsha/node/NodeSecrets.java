package org.ncsha.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Machine-generated credentials of this node (the local database password), read from
 * {@code <nodeDir>/etc/secrets.properties} (mode 0600, written by ha-pair). User-chosen
 * secrets never live here: the authentication key and the admin password are stored hashed.
 */
public final class NodeSecrets {
  private final Properties values = new Properties();

  public NodeSecrets(Path nodeDir) {
    Path file = nodeDir.resolve("etc/secrets.properties");
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        values.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
  }

  /** The password of {@code etc/key.p12}, the node's TLS key store. */
  public char[] keystorePassword() {
    return values.getProperty("keystore.password", "").toCharArray();
  }

  /** The database superuser's password: the Health Monitor's, and ncs backup/restore's on the server itself. */
  public String databasePassword() {
    return values.getProperty("db.password", "");
  }

  /**
   * The password of the application's own database role (not a superuser), which Liberty's
   * data source also holds; pair-wide like the superuser's. Null in a node directory written
   * before there was one (ha-pair adds it).
   */
  public String applicationPassword() {
    String password = values.getProperty("app.password", "");
    return password.isEmpty() ? null : password;
  }

  /**
   * The monitoring role's password, derived from the superuser's (so it is the same on both
   * servers) and never stored: only the Health Monitor uses it.
   */
  public String monitorPassword() {
    if (databasePassword().isEmpty()) {
      return null;
    }
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(
          databasePassword().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] derived = mac.doFinal("ncs-ha monitoring role".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(derived);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "NodeSecrets[hidden]";
  }
}
