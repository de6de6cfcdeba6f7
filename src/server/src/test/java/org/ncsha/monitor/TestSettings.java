package org.ncsha.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ncsha.node.NodeSettings;

/** A node's settings for a unit test: the given lines of node.properties, the rest defaults. */
final class TestSettings {
  private TestSettings() {}

  static NodeSettings of(Path nodeDir, String... lines) {
    try {
      Files.createDirectories(nodeDir.resolve("etc"));
      Files.writeString(nodeDir.resolve("etc/node.properties"), String.join("\n", lines) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return NodeSettings.load(nodeDir);
  }
}
