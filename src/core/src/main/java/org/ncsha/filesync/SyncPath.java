package org.ncsha.filesync;

import java.util.List;

/**
 * A path inside the file area as it travels between the servers: relative, '/'-separated,
 * starting with a class folder, with no empty, "." or ".." segment and no control character,
 * so that a receiver can never be made to write outside its area. Symbolic links are the file
 * area's business: it neither lists nor follows them.
 */
public record SyncPath(FileClass fileClass, String path) {
  public static final int MAX_LENGTH = 1024;

  /** The path checked, or IllegalArgumentException naming the rule it breaks. */
  public static SyncPath of(String path) {
    if (path == null || path.isEmpty()) {
      throw new IllegalArgumentException("path: must not be empty");
    }
    if (path.length() > MAX_LENGTH) {
      // Named by its start: the whole would bury the rule.
      throw new IllegalArgumentException("path: at most " + MAX_LENGTH + " characters, was " + path.length() + ", starting "
          + printable(path.substring(0, 120)) + "...");
    }
    if (path.startsWith("/")) {
      throw new IllegalArgumentException("path: must be relative to the file area, was " + path);
    }
    if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
      throw new IllegalArgumentException("path: no control characters or backslashes, was " + printable(path));
    }
    List<String> segments = List.of(path.split("/", -1));
    for (String s : segments) {
      if (s.isEmpty() || s.equals(".") || s.equals("..")) {
        throw new IllegalArgumentException("path: no empty, '.' or '..' segment, was " + path);
      }
    }
    if (segments.size() < 2) {
      throw new IllegalArgumentException("path: a file inside a class folder (" + folders() + "), was " + path);
    }
    FileClass fileClass = FileClass.ofFolder(segments.get(0)).orElseThrow(() -> new IllegalArgumentException(
        "path: must start with a class folder (" + folders() + "), was " + path));
    return new SyncPath(fileClass, path);
  }

  private static String folders() {
    return String.join(", ", java.util.Arrays.stream(FileClass.values()).map(FileClass::folder).toList());
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.chars().forEach(c -> b.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
    return b.toString();
  }

  @Override
  public String toString() {
    return path;
  }
}
