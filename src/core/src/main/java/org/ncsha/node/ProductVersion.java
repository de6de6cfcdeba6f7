package org.ncsha.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * This build's version (the pom's, written into {@code version.properties} by the build). Both
 * servers of a pair must run the same one: registration refuses a secondary that runs another.
 */
public final class ProductVersion {
  private static final String CURRENT = load();

  private ProductVersion() {}

  public static String current() {
    return CURRENT;
  }

  private static String load() {
    try (InputStream in = ProductVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the build");
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "");
      if (version.isBlank() || version.startsWith("${")) {
        throw new IllegalStateException("version.properties was not filled in by the build: " + version);
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
