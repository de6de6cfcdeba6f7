package org.ncsha.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** docs/benchmarks.md: each benchmark rewrites its own section and leaves the others alone. */
final class BenchmarkReport {
  static final Path FILE = Pair.REPO.resolve("docs/benchmarks.md");

  private BenchmarkReport() {}

  static void writeSection(String name, String markdown) throws Exception {
    String begin = "<!-- " + name + ":begin -->\n";
    String end = "<!-- " + name + ":end -->\n";
    String text = Files.exists(FILE) ? Files.readString(FILE) : "# Benchmarks\n\n";
    String section = begin + markdown + (markdown.endsWith("\n") ? "" : "\n") + end;
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    text = from >= 0 && to > from
        ? text.substring(0, from) + section + text.substring(to + end.length())
        : text + (text.endsWith("\n\n") ? "" : "\n") + section;
    Files.writeString(FILE, text);
  }
}
