package org.ncsha.files;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ncsha.filesync.FileClass;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.filesync.SyncPath;

/**
 * The node's synchronized files: one folder per {@link FileClass} under {@code <node>/files}.
 * A file arrives in a temporary file beside the folders, is checked against its SHA-256 and
 * length, flushed to disk and only then renamed into place, so a reader never sees half a file
 * and a cut transfer leaves nothing behind but a temporary file that the next start removes.
 * Symbolic links are neither listed nor followed.
 */
public final class FileArea {
  /** A file over the size limit, or whose content does not match what was announced. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  private static final String INCOMING = ".incoming";
  /** Up to this many files a batch flushes each; beyond, the whole file system at once. */
  private static final int FLUSH_EACH_UP_TO = 16;

  private final Path root;
  private final long maxBytes;
  /** Hashes by path, valid while size and modification time are unchanged: a rescan reads only what changed. */
  private final Map<String, Known> hashes = new ConcurrentHashMap<>();

  private record Known(long size, long modified, String sha256) {}

  public FileArea(Path root, long maxBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
  }

  public Path root() {
    return root;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /** Makes the class folders, and removes what a transfer cut off before it ended left behind. */
  public void prepare() {
    try {
      for (FileClass c : FileClass.values()) {
        Files.createDirectories(root.resolve(c.folder()));
      }
      Path incoming = Files.createDirectories(root.resolve(INCOMING));
      try (Stream<Path> leftovers = Files.list(incoming)) {
        for (Path p : leftovers.toList()) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the file area " + root, e);
    }
  }

  /** The regular files of these classes, with their sizes and hashes. */
  public List<ManifestEntry> manifest(Collection<FileClass> classes) throws IOException {
    List<ManifestEntry> entries = new ArrayList<>();
    for (FileClass c : classes) {
      Path folder = root.resolve(c.folder());
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      // Files.walk does not follow links; a link to a file is listed but is not a regular file.
      try (Stream<Path> files = Files.walk(folder)) {
        for (Path p : files.toList()) {
          BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (a.isRegularFile()) {
            String path = root.relativize(p).toString();
            entries.add(new ManifestEntry(path, a.size(), hash(path, p, a)));
          }
        }
      }
    }
    return entries;
  }

  private String hash(String path, Path file, BasicFileAttributes a) throws IOException {
    long modified = a.lastModifiedTime().toMillis();
    Known known = hashes.get(path);
    if (known != null && known.size() == a.size() && known.modified() == modified) {
      return known.sha256();
    }
    String sha;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      sha = sha256(in);
    }
    hashes.put(path, new Known(a.size(), modified, sha));
    return sha;
  }

  /** Where a path lives; refused when a folder on the way is a symbolic link. */
  public Path file(SyncPath path) throws Refused {
    Path file = root.resolve(path.path()).normalize();
    if (!file.startsWith(root.resolve(path.fileClass().folder()))) {
      throw new Refused("path: outside the file area: " + path);
    }
    for (Path p = file.getParent(); p != null && p.startsWith(root) && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        throw new Refused("path: " + root.relativize(p) + " is a symbolic link, which the file area does not follow");
      }
    }
    if (Files.isSymbolicLink(file)) {
      throw new Refused("path: " + path + " is a symbolic link, which the file area does not follow");
    }
    return file;
  }

  /** The content of a file, when it exists and is at most {@code limit} bytes. */
  public Optional<byte[]> read(SyncPath path, long limit) throws Refused, IOException {
    Path file = file(path);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (Files.size(file) > limit) {
      throw new Refused(path + ": " + Files.size(file) + " bytes, more than the " + limit + " this read allows");
    }
    return Optional.of(Files.readAllBytes(file));
  }

  /** What a batch changed: the files that took their place, those that replaced other content, and those refused (path, why). */
  public record Received(List<String> received, List<String> replaced, Map<String, String> refused) {}

  /**
   * Takes a batch of files from {@code in}: for each listed file in turn exactly its size in
   * bytes. A file whose bytes do not match its SHA-256 is refused alone; the others take their
   * place once all of them are on disk. A bad list (a path outside the area, a file over the
   * limit) or a stream that ends early or runs long changes nothing.
   */
  public Received receive(List<ManifestEntry> files, InputStream in) throws Refused, IOException {
    List<Path> targets = targets(files);
    Path incoming = Files.createDirectories(root.resolve(INCOMING));
    List<Path> parts = new ArrayList<>();
    try {
      List<Integer> verified = new ArrayList<>();
      Map<String, String> refused = new LinkedHashMap<>();
      byte[] buffer = new byte[256 * 1024];
      for (int i = 0; i < files.size(); i++) {
        ManifestEntry e = files.get(i);
        Path part = incoming.resolve(UUID.randomUUID() + ".part");
        parts.add(part);
        String arrived = copy(in, part, e, buffer);
        if (arrived.equals(e.sha256())) {
          verified.add(i);
        } else {
          refused.put(e.path(), "the content's SHA-256 is " + arrived + ", " + e.sha256() + " was announced");
        }
      }
      if (in.read() >= 0) {
        throw new Refused("files: more bytes arrived than the listed sizes add up to");
      }
      flush(verified.stream().map(parts::get).toList());
      List<String> received = new ArrayList<>();
      List<String> replaced = new ArrayList<>();
      Set<Path> folders = new LinkedHashSet<>();
      for (int i : verified) {
        ManifestEntry e = files.get(i);
        Path target = targets.get(i);
        if (folders.add(target.getParent())) {
          Files.createDirectories(target.getParent());
        }
        boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        Files.move(parts.get(i), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // What arrived is what the next manifest would hash: it is known already.
        hashes.put(e.path(), new Known(e.size(), Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toMillis(), e.sha256()));
        received.add(e.path());
        if (existed) {
          replaced.add(e.path());
        }
      }
      folders.forEach(FileArea::forceDirectory);
      return new Received(received, replaced, refused);
    } finally {
      for (Path part : parts) {
        Files.deleteIfExists(part);
      }
    }
  }

  /** Where each listed file goes, all checked before a byte is read. */
  private List<Path> targets(List<ManifestEntry> files) throws Refused {
    List<Path> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ManifestEntry e : files) {
      SyncPath path = SyncPath.of(e.path());
      if (!seen.add(path.path())) {
        throw new Refused("files: " + path + " is listed twice");
      }
      if (e.size() < 0 || e.size() > maxBytes) {
        throw new Refused(path + ": " + e.size() + " bytes, more than the limit of " + maxBytes
            + " (filesync.max.file.bytes)");
      }
      targets.add(file(path));
    }
    return targets;
  }

  /** Copies exactly the entry's size from {@code in} into {@code part}; the SHA-256 of what arrived. */
  private static String copy(InputStream in, Path part, ManifestEntry e, byte[] buffer) throws IOException {
    MessageDigest digest = newDigest();
    try (OutputStream to = Files.newOutputStream(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long left = e.size();
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException(e.path() + ": the transfer ended after " + (e.size() - left) + " of " + e.size() + " bytes");
        }
        digest.update(buffer, 0, n);
        to.write(buffer, 0, n);
        left -= n;
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Puts the parts on disk before any is renamed, so a crash never leaves a renamed file
   * without its content. One fsync per file costs about half a millisecond; for a batch of many
   * small files one flush of the file system (sync --file-system) does it in one journal commit.
   */
  private void flush(List<Path> parts) throws IOException {
    if (parts.size() > FLUSH_EACH_UP_TO && syncFileSystem()) {
      return;
    }
    for (Path part : parts) {
      try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }
  }

  private boolean syncFileSystem() {
    try {
      Process sync = new ProcessBuilder("sync", "--file-system", root.resolve(INCOMING).toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return sync.waitFor(5, java.util.concurrent.TimeUnit.MINUTES) && sync.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The bytes of these files, one after another, each exactly as long as listed ({@link BatchContent}). */
  BatchContent content(List<ManifestEntry> files) throws Refused {
    List<BatchContent.Part> parts = new ArrayList<>();
    for (ManifestEntry e : files) {
      parts.add(new BatchContent.Part(file(SyncPath.of(e.path())), e.size()));
    }
    return new BatchContent(parts);
  }

  /** Saves content written on this server (a template saved by a user) the same way as what arrives. */
  public void write(SyncPath path, byte[] content) throws Refused, IOException {
    Received r = receive(List.of(new ManifestEntry(path.path(), content.length, sha256(new java.io.ByteArrayInputStream(content)))),
        new java.io.ByteArrayInputStream(content));
    if (!r.refused().isEmpty()) {
      throw new Refused(path + ": " + r.refused().get(path.path()));
    }
  }

  /** Removes a file; true when there was one. */
  public boolean delete(SyncPath path) throws Refused, IOException {
    Path file = file(path);
    boolean deleted = Files.deleteIfExists(file);
    if (deleted) {
      hashes.remove(path.path());
      forceDirectory(file.getParent());
    }
    return deleted;
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened for this; the rename is done either way.
    }
  }

  public static String sha256(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
