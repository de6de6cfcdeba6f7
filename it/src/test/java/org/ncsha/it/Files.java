package org.ncsha.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for the multi-node tests. */
final class Files {
  private Files() {}

  static void deleteTree(Path root) throws IOException {
    if (!java.nio.file.Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = java.nio.file.Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }
}
