package org.ncsha.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for the multi-node tests. */
final class Files {
  private Files() {}

  /** Log directories: what a passing test's pair keeps of its nodes ({@link #deleteAllButLogs}). */
  private static final java.util.Set<String> LOG_DIRS = java.util.Set.of("log", "logs", "pglog");

  /**
   * Deletes every file under {@code root} that is not in a log directory: a pair's databases,
   * fork copies, bundles and Liberty's applications take a gigabyte a pair, and a suite of a dozen
   * pairs filled a CI machine's disk. Directories stay (empty), so the logs keep their paths.
   */
  static void deleteAllButLogs(Path root) throws IOException {
    if (!java.nio.file.Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = java.nio.file.Files.walk(root)) {
      for (Path p : all.filter(p -> !java.nio.file.Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
        boolean inLogs = false;
        for (Path part : root.relativize(p)) {
          inLogs |= LOG_DIRS.contains(part.toString());
        }
        if (!inLogs) {
          java.nio.file.Files.delete(p);
        }
      }
    }
  }

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
