package org.ncsha.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The file area's SHA-256s by path, each valid while the file's size and modification time are
 * those it was hashed at (rsync's quick check), kept across restarts in one file: without it a
 * restarted server read its whole area again before its first run could compare (a 13 GB TFTP
 * folder took about 20 s of both cores), and both servers restart in every failover, failback
 * and update. The file is only a cache: missing, unreadable or of another format, it is ignored
 * (the hashes are computed again); a line that does not parse is skipped.
 */
final class KnownHashes {
  private static final Logger LOG = Logger.getLogger(KnownHashes.class.getName());
  private static final String HEADER = "ncs-ha file hashes 1";
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** A file's hash, with the size and modification time (milliseconds) it had when hashed. */
  record Known(long size, long modified, String sha256) {}

  private final Path file;
  private final Map<String, Known> byPath = new ConcurrentHashMap<>();
  private final AtomicBoolean changed = new AtomicBoolean();

  KnownHashes(Path file) {
    this.file = file;
  }

  /** Reads the hashes saved before; what cannot be read is left to be hashed again. */
  void load() {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.warning("File sync: cannot read the saved hashes " + file + " (" + e.getMessage() + "): the files are hashed again");
      return;
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      LOG.warning("File sync: " + file + " is not a file of saved hashes (" + HEADER + "): the files are hashed again");
      return;
    }
    for (String line : lines.subList(1, lines.size())) {
      // size, time, hash, then the path, which may hold spaces
      String[] fields = line.split(" ", 4);
      try {
        if (fields.length == 4 && SHA256.matcher(fields[2]).matches() && !fields[3].isEmpty()) {
          byPath.put(fields[3], new Known(Long.parseLong(fields[0]), Long.parseLong(fields[1]), fields[2]));
        }
      } catch (NumberFormatException e) {
        // Skipped: that file is hashed again.
      }
    }
  }

  Known get(String path) {
    return byPath.get(path);
  }

  void put(String path, Known known) {
    if (!known.equals(byPath.put(path, known))) {
      changed.set(true);
    }
  }

  /** Forgets the hashes of the paths {@code which} selects. */
  void forget(java.util.function.Predicate<String> which) {
    if (byPath.keySet().removeIf(which)) {
      changed.set(true);
    }
  }

  void remove(String path) {
    if (byPath.remove(path) != null) {
      changed.set(true);
    }
  }

  /**
   * Writes the hashes if they changed since they were last written (and says whether it did): to
   * a temporary file, flushed, then renamed over the old one, so a crash leaves the old hashes or the new ones. A path with
   * a line break in it is not kept (it is hashed again after a restart).
   */
  synchronized boolean save() throws IOException {
    if (!changed.getAndSet(false)) {
      return false;
    }
    Path next = file.resolveSibling(file.getFileName() + ".next");
    try {
      try (BufferedWriter out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
        out.write(HEADER);
        out.write('\n');
        for (Map.Entry<String, Known> e : byPath.entrySet()) {
          if (e.getKey().indexOf('\n') < 0 && e.getKey().indexOf('\r') < 0) {
            Known k = e.getValue();
            out.write(k.size() + " " + k.modified() + " " + k.sha256() + " " + e.getKey() + "\n");
          }
        }
      }
      try (FileChannel channel = FileChannel.open(next, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (IOException e) {
      changed.set(true);
      throw e;
    }
  }
}
