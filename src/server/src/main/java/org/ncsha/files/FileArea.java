package org.ncsha.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.ncsha.filesync.ChangeScope;
import org.ncsha.filesync.FileClass;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.filesync.SyncPath;
import org.ncsha.security.Sha256;

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
  /** The hashes kept across restarts ({@link KnownHashes}); beside the class folders, so never sent. */
  private static final String HASHES = ".hashes";
  /** From this many files to hash in a scan, two threads hash them. */
  private static final int HASH_IN_PARALLEL_FROM = 64;
  /** Up to this many files a batch flushes each; beyond, the whole file system at once. */
  private static final int FLUSH_EACH_UP_TO = 16;

  private final Path root;
  private final long maxBytes;
  /** Hashes by path, valid while size and modification time are unchanged: a rescan reads only what changed. */
  private final KnownHashes hashes;
  /** What a listing leaves out that its owner should know of (a name that cannot travel, a linked class folder), told once each while this server runs. */
  private final Set<String> leftOut = ConcurrentHashMap.newKeySet();
  /** Of those, the ones not yet taken by {@link #newlyLeftOut}, each said as a sentence. */
  private final java.util.Queue<String> leftOutNews = new java.util.concurrent.ConcurrentLinkedQueue<>();

  public FileArea(Path root, long maxBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxBytes = maxBytes;
    this.hashes = new KnownHashes(this.root.resolve(HASHES));
  }

  public Path root() {
    return root;
  }

  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Makes the class folders, removes what a transfer cut off before it ended left behind, and
   * reads the hashes saved before.
   */
  public void prepare() {
    hashes.load();
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

  /** The regular files in the scope (whole class folders, or changed entries of them), with their sizes and hashes. */
  public List<ManifestEntry> manifest(ChangeScope scope) throws IOException {
    return manifest(scope, (path, size) -> true);
  }

  /**
   * The same listing, hashing only the files {@code compare} (path, size) asks for: a file the
   * receiver lacks, or has at another size, is sent whatever its hash, and {@link #hashed} reads
   * it just before its batch goes, while the batch before travels. Until then its sha256 is null
   * (unless a hash of its size and time is known), which no receiver's entry equals.
   */
  public List<ManifestEntry> manifest(ChangeScope scope, java.util.function.BiPredicate<String, Long> compare)
      throws IOException {
    List<Path> starts = new ArrayList<>();
    scope.wholeClasses().forEach(c -> starts.add(root.resolve(c.folder())));
    scope.entries().forEach(e -> starts.add(root.resolve(SyncPath.of(e).path())));
    List<Listed> listed = new ArrayList<>();
    for (Path start : starts) {
      if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (start.getParent().equals(root) && Files.isSymbolicLink(start)) {
        // A TFTP root kept elsewhere and linked in is the likely case: silently, nothing of it would travel.
        tellOnce(start.toString(), root.relativize(start) + "/ is a symbolic link, which file sync does not follow:"
            + " nothing in it is synchronized (make it a folder, or mount the other folder there)");
        continue;
      }
      // Not following links, the walk reads each entry's own attributes (one stat a file); a
      // link is neither a regular file nor a folder it enters. A start that is a file is listed.
      Files.walkFileTree(start, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes a) {
          if (a.isRegularFile()) {
            String relative = root.relativize(p).toString();
            // Listed, a name no receiver takes would fail every run, and the files after it with it.
            if (!mayTravel(relative)) {
              return FileVisitResult.CONTINUE;
            }
            listed.add(new Listed(relative, p, a.size(), a.lastModifiedTime().toMillis()));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            // Deleted while the scan ran: it is simply not there.
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }
      });
    }
    if (!scope.wholeClasses().isEmpty()) {
      // What a whole class no longer holds (deleted by hand, or while this server was down) is forgotten.
      Set<String> present = new HashSet<>();
      listed.forEach(l -> present.add(l.path()));
      Set<String> folders = new HashSet<>();
      scope.wholeClasses().forEach(c -> folders.add(c.folder()));
      hashes.forget(path -> folders.contains(path.substring(0, Math.max(0, path.indexOf('/')))) && !present.contains(path));
    }
    Map<String, String> sha256 = new ConcurrentHashMap<>();
    List<Listed> unknown = new ArrayList<>();
    for (Listed l : listed) {
      KnownHashes.Known known = hashes.get(l.path());
      if (known != null && known.size() == l.size() && known.modified() == l.modified()) {
        sha256.put(l.path(), known.sha256());
      } else if (compare.test(l.path(), l.size())) {
        unknown.add(l);
      }
    }
    try {
      // Many new files (a folder moved in) are hashed on two threads: reading a small file costs
      // more than hashing it, and the receiver has nothing to do until the manifest is done.
      (unknown.size() >= HASH_IN_PARALLEL_FROM ? unknown.parallelStream() : unknown.stream())
          .forEach(l -> sha256.put(l.path(), hash(l)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<ManifestEntry> entries = new ArrayList<>(listed.size());
    for (Listed l : listed) {
      entries.add(new ManifestEntry(l.path(), l.size(), sha256.get(l.path())));
    }
    return entries;
  }

  /**
   * {@code batch} with the hashes a {@link #manifest(ChangeScope, java.util.function.BiPredicate)}
   * left out, read now with the file's size now; a file deleted since the listing is left out of
   * the batch (the next run deletes it on the receiver).
   */
  public List<ManifestEntry> hashed(List<ManifestEntry> batch) throws IOException {
    return hashed(batch, e -> true);
  }

  /**
   * The entries, those without a hash that {@code which} selects hashed now (the others as they
   * are); a file deleted since the listing is left out.
   */
  public List<ManifestEntry> hashed(List<ManifestEntry> entries, java.util.function.Predicate<ManifestEntry> which)
      throws IOException {
    java.util.function.Predicate<ManifestEntry> toHash = e -> e.sha256() == null && which.test(e);
    long missing = entries.stream().filter(toHash).count();
    if (missing == 0) {
      return entries;
    }
    try {
      // An ordered stream keeps the batch's order, in parallel too.
      return (missing >= HASH_IN_PARALLEL_FROM ? entries.parallelStream() : entries.stream())
          .map(e -> toHash.test(e) ? hashNow(e) : e).filter(java.util.Objects::nonNull).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The entry with the file's hash and size as they are now; null when the file is gone. */
  private ManifestEntry hashNow(ManifestEntry e) {
    Path file = root.resolve(e.path());
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException gone) {
      return null;
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
    return new ManifestEntry(e.path(), a.size(), hash(new Listed(e.path(), file, a.size(), a.lastModifiedTime().toMillis())));
  }

  /** A regular file found by a scan: its path in the area, where it is, its size and modification time. */
  private record Listed(String path, Path file, long size, long modified) {}

  private String hash(Listed l) {
    try (InputStream in = Files.newInputStream(l.file(), LinkOption.NOFOLLOW_LINKS)) {
      // A buffer the file's size, up to 64 KiB: one of 64 KiB for each small file was most of what a scan allocated.
      String sha = sha256(in, new byte[(int) Math.max(1, Math.min(64 * 1024, l.size()))]);
      hashes.put(l.path(), new KnownHashes.Known(l.size(), l.modified(), sha));
      return sha;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps the hashes known now for the next start, if they changed since they were last kept; whether it wrote them. */
  public boolean saveHashes() throws IOException {
    return hashes.save();
  }

  /** Where a path lives; refused when it or a folder on the way is a symbolic link. */
  public Path file(SyncPath path) throws Refused {
    return new AreaPaths(root).target(path).file();
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
   * The SHA-256 each file of a batch must have, in the batch's order: listed with the files, or
   * read from the stream after their content (null for a file the sender saw change while it
   * read it).
   */
  @FunctionalInterface
  public interface Announced {
    List<String> sha256(InputStream afterContent) throws Refused, IOException;

    static Announced listedWith(List<ManifestEntry> files) {
      return afterContent -> files.stream().map(ManifestEntry::sha256).toList();
    }
  }

  /** {@link #receive(List, InputStream, Announced)} of files whose hashes are listed with them. */
  public Received receive(List<ManifestEntry> files, InputStream content) throws Refused, IOException {
    return receive(files, content, Announced.listedWith(files));
  }

  /**
   * Takes a batch of files from {@code in}: for each listed file in turn exactly its size in
   * bytes, then whatever {@code announced} reads. A file whose bytes do not match its SHA-256 is
   * refused alone; the others take their place once all of them are on disk. A bad list (a path
   * outside the area, a file over the limit) or a stream that ends early or runs long changes
   * nothing.
   */
  public Received receive(List<ManifestEntry> files, InputStream content, Announced announced) throws Refused, IOException {
    List<AreaPaths.Target> targets = targets(files);
    Path incoming = Files.createDirectories(root.resolve(INCOMING));
    // One random name a batch, its files numbered: a random name each asked the system's random
    // source once a file.
    String batchName = UUID.randomUUID().toString();
    // Small files are small reads: served from memory, not each a call into the container's stream.
    InputStream in = new BufferedInputStream(content, 64 * 1024);
    List<Path> parts = new ArrayList<>();
    boolean[] placed = new boolean[files.size()];
    long largest = files.stream().mapToLong(ManifestEntry::size).max().orElse(0);
    try (IncomingCopy copy = new IncomingCopy(largest)) {
      List<String> arrived = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        Path part = incoming.resolve(batchName + "-" + i + ".part");
        parts.add(part);
        arrived.add(copy.copy(in, part, files.get(i)));
      }
      List<String> expected = announced.sha256(in);
      if (expected.size() != files.size()) {
        throw new Refused("files: " + expected.size() + " hashes were announced for " + files.size() + " files");
      }
      if (in.read() >= 0) {
        throw new Refused("files: more bytes arrived than the listed sizes add up to");
      }
      List<Integer> verified = new ArrayList<>();
      Map<String, String> refused = new LinkedHashMap<>();
      for (int i = 0; i < files.size(); i++) {
        String path = files.get(i).path();
        if (expected.get(i) == null) {
          refused.put(path, "it changed on the sending server while it was sent (the next run sends it again)");
        } else if (!arrived.get(i).equals(expected.get(i))) {
          refused.put(path, "the content's SHA-256 is " + arrived.get(i) + ", " + expected.get(i) + " was announced");
        } else {
          String inTheWay = targets.get(i).existed() ? folderInTheWay(targets.get(i).file()) : null;
          if (inTheWay != null) {
            refused.put(path, inTheWay);
          } else {
            verified.add(i);
          }
        }
      }
      flush(verified.stream().map(parts::get).toList());
      List<String> received = new ArrayList<>();
      List<String> replaced = new ArrayList<>();
      Set<Path> folders = new LinkedHashSet<>();
      for (int i : verified) {
        ManifestEntry e = files.get(i);
        Path target = targets.get(i).file();
        if (folders.add(target.getParent())) {
          Files.createDirectories(target.getParent());
        }
        if (targets.get(i).existed() && Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          clearEmptyFolders(target);
        }
        Files.move(parts.get(i), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        placed[i] = true;
        // What arrived is what the next manifest would hash: it is known already.
        hashes.put(e.path(), new KnownHashes.Known(e.size(), Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toMillis(), arrived.get(i)));
        received.add(e.path());
        if (targets.get(i).existed()) {
          replaced.add(e.path());
        }
      }
      folders.forEach(FileArea::forceDirectory);
      return new Received(received, replaced, refused);
    } finally {
      for (int i = 0; i < parts.size(); i++) {
        if (!placed[i]) {
          Files.deleteIfExists(parts.get(i));
        }
      }
    }
  }

  /** Where each listed file goes, all checked before a byte is read. */
  private List<AreaPaths.Target> targets(List<ManifestEntry> files) throws Refused {
    AreaPaths paths = new AreaPaths(root);
    List<AreaPaths.Target> targets = new ArrayList<>();
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
      targets.add(paths.target(path));
    }
    return targets;
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

  /** The bytes of these files, one after another, each exactly as long as listed and with its hash listed ({@link BatchContent}). */
  BatchContent content(List<ManifestEntry> files) throws Refused {
    AreaPaths paths = new AreaPaths(root);
    List<BatchContent.Part> parts = new ArrayList<>();
    for (ManifestEntry e : files) {
      parts.add(new BatchContent.Part(e.path(), paths.target(SyncPath.of(e.path())).file(), e.size(), e.sha256(), null, null));
    }
    return new BatchContent(parts);
  }

  /**
   * The bytes of these files as they are now, hashed on the way: each is read once, and the hash
   * of a file read whole and unchanged is kept, as a scan would. A file gone since the listing,
   * no longer a file, or now over the size limit is left out (the next run deletes or reports it).
   */
  BatchContent contentHashedOnTheWay(List<ManifestEntry> files) throws Refused, IOException {
    AreaPaths paths = new AreaPaths(root);
    List<BatchContent.Part> parts = new ArrayList<>();
    for (ManifestEntry e : files) {
      Path file = paths.target(SyncPath.of(e.path())).file();
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException gone) {
        continue;
      }
      if (a.isRegularFile() && a.size() <= maxBytes) {
        parts.add(new BatchContent.Part(e.path(), file, a.size(), null, a.lastModifiedTime(), a.fileKey()));
      }
    }
    return new BatchContent(parts,
        (part, sha256) -> hashes.put(part.path(), new KnownHashes.Known(part.size(), part.modified().toMillis(), sha256)));
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

  /**
   * Whether a file found in a class folder has a name that may travel ({@link SyncPath}): the
   * walk gives only names inside a class folder without empty, "." or ".." segments, so what
   * can break a rule is the length or a control character or backslash. One that cannot is left
   * out on both servers (a receiver neither takes nor deletes it) and told once.
   */
  private boolean mayTravel(String relative) {
    boolean suspect = relative.length() > SyncPath.MAX_LENGTH
        || relative.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
    if (!suspect) {
      return true;
    }
    try {
      SyncPath.of(relative);
      return true;
    } catch (IllegalArgumentException e) {
      tellOnce(relative, "a file is not synchronized because of its name (" + e.getMessage().replaceFirst("^path: ", "")
          + "): rename it");
      return false;
    }
  }

  private void tellOnce(String what, String sentence) {
    if (leftOut.add(what)) {
      leftOutNews.add(sentence);
    }
  }

  /**
   * What listings left out since the last call that the administrator should hear of (a file
   * whose name cannot travel, a class folder that is a symbolic link), each once while this
   * server runs: for an event.
   */
  public List<String> newlyLeftOut() {
    List<String> news = new ArrayList<>();
    for (String sentence = leftOutNews.poll(); sentence != null; sentence = leftOutNews.poll()) {
      news.add(sentence);
    }
    return news;
  }

  /**
   * Why a file cannot take its place because the same name is a folder here that still holds a
   * file or a link, or null. A folder replaced by a file on the sending server comes here after
   * the deletions took its files, so normally only empty folders are left ({@link #clearEmptyFolders}).
   */
  private static String folderInTheWay(Path target) throws IOException {
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try (Stream<Path> walk = Files.walk(target)) {
      return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).findFirst()
          .map(p -> "a folder of that name here still holds " + target.relativize(p) + ", so the file does not replace it")
          .orElse(null);
    }
  }

  /** Removes a folder of empty folders, the deepest first, to make room for a file of its name. */
  private static void clearEmptyFolders(Path folder) throws IOException {
    List<Path> inside;
    try (Stream<Path> walk = Files.walk(folder)) {
      inside = walk.toList();
    }
    for (int i = inside.size() - 1; i >= 0; i--) {
      Files.delete(inside.get(i));
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened for this; the rename is done either way.
    }
  }

  public static String sha256(InputStream in) throws IOException {
    return Sha256.of(in);
  }

  private static String sha256(InputStream in, byte[] buffer) throws IOException {
    MessageDigest digest = Sha256.digest();
    int n;
    while ((n = in.read(buffer)) > 0) {
      digest.update(buffer, 0, n);
    }
    return Sha256.hex(digest);
  }
}
