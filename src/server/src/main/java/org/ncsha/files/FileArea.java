package org.ncsha.files;

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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * Takes a file's content from {@code in}: exactly {@code size} bytes whose SHA-256 is
   * {@code sha256}, else nothing changes. Returns whether a file of other content was replaced.
   */
  public boolean receive(SyncPath path, InputStream in, long size, String sha256) throws Refused, IOException {
    if (size > maxBytes) {
      throw new Refused(path + ": " + size + " bytes, more than the limit of " + maxBytes
          + " (filesync.max.file.bytes)");
    }
    Path target = file(path);
    Path part = root.resolve(INCOMING).resolve(UUID.randomUUID() + ".part");
    Files.createDirectories(part.getParent());
    try {
      MessageDigest digest = newDigest();
      long copied;
      try (DigestInputStream from = new DigestInputStream(in, digest);
          FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream to = java.nio.channels.Channels.newOutputStream(channel)) {
        copied = copy(from, to, size);
        to.flush();
        channel.force(true);
      }
      if (copied != size) {
        throw new Refused(path + ": " + copied + " bytes arrived, " + size + " were announced");
      }
      String arrived = HexFormat.of().formatHex(digest.digest());
      if (!arrived.equals(sha256)) {
        throw new Refused(path + ": the content's SHA-256 is " + arrived + ", " + sha256 + " was announced");
      }
      boolean replaced = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      Files.createDirectories(target.getParent());
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(target.getParent());
      return replaced;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** Saves content written on this server (a template saved by a user) the same way. */
  public void write(SyncPath path, byte[] content) throws Refused, IOException {
    receive(path, new java.io.ByteArrayInputStream(content), content.length,
        sha256(new java.io.ByteArrayInputStream(content)));
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

  /** Copies at most {@code limit} + 1 bytes, so a sender that sends more than it announced is caught without reading on. */
  private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total <= limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total))) > 0) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
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
