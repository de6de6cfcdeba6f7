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

  public String databasePassword() {
    return values.getProperty("db.password", "");
  }

  @Override
  public String toString() {
    return "NodeSecrets[hidden]";
  }
}
