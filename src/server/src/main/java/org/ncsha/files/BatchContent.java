package org.ncsha.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.security.Sha256;

/**
 * The bytes of a batch's files one after another, each exactly as long as the batch lists it. A
 * file that changed since it was listed (shorter, longer, gone, unreadable) is padded with zeros
 * or cut to that length, so the files after it still line up, and the receiver refuses it alone;
 * the next run sends it again.
 *
 * <p>Content that is {@link #hashing hashed on the way} lets the sender read each file once: its
 * SHA-256 is computed while it is sent and told after the content ({@link #hashes}), where a
 * file that changed while it was read has none, which the receiver refuses. Otherwise each
 * part's hash is known before (listed with it), and a change shows as a hash that does not match.
 */
final class BatchContent extends InputStream {
  /**
   * A file to send: its path in the area, where it is, its size, and (for content hashed on the
   * way) the modification time and identity it had when the batch was made; {@code sha256} when
   * it is known before.
   */
  record Part(String path, Path file, long size, String sha256, FileTime modified, Object fileKey) {}

  /** Told each file read whole and unchanged, with its hash: the sender's cache of hashes. */
  interface Hashed {
    void unchanged(Part part, String sha256);
  }

  private final List<Part> parts;
  private final Hashed hashed;
  private final MessageDigest digest;
  private final String[] hashes;
  private final SmallFilesAhead smallFiles;
  private int index = -1;
  private boolean ended;
  private long left;
  private InputStream current;
  private boolean troubled;
  private String problem;

  /** Content whose hashes are listed with it. */
  BatchContent(List<Part> parts) {
    this(parts, null);
  }

  /** Content hashed on the way when {@code hashed} is given (it is told each good hash). */
  BatchContent(List<Part> parts, Hashed hashed) {
    this.parts = List.copyOf(parts);
    this.hashed = hashed;
    this.digest = hashed == null ? null : Sha256.digest();
    this.hashes = new String[parts.size()];
    this.smallFiles = new SmallFilesAhead(this.parts);
  }

  boolean hashing() {
    return hashed != null;
  }

  boolean isEmpty() {
    return parts.isEmpty();
  }

  /** What the batch announces: each file's path and size, and its hash when known before. */
  List<ManifestEntry> entries() {
    return parts.stream().map(p -> new ManifestEntry(p.path(), p.size(), p.sha256())).toList();
  }

  /**
   * Content hashed on the way, once it has all been read: each file's SHA-256 in order, null for
   * a file that changed while it was read.
   */
  List<String> hashes() {
    if (!hashing() || !ended) {
      throw new IllegalStateException("the hashes are known once all the content has been read");
    }
    return new ArrayList<>(Arrays.asList(hashes));
  }

  /** The first file that could not be read as it was listed, and why; null when none. */
  String problem() {
    return problem;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /**
   * Fills as much of {@code b} as the files give, across their boundaries: a read per small file
   * made the HTTP client send (and encrypt) a record per file.
   */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int filled = 0;
    while (filled < len) {
      int n = readPart(b, off + filled, len - filled);
      if (n < 0) {
        break;
      }
      filled += n;
    }
    return filled == 0 && len > 0 ? -1 : filled;
  }

  /** Up to {@code len} bytes of the current file, moving to the next when it is done; -1 after the last. */
  private int readPart(byte[] b, int off, int len) throws IOException {
    while (left == 0) {
      if (index + 1 >= parts.size()) {
        index = parts.size();
        ended = true;
        return -1;
      }
      index++;
      Part part = parts.get(index);
      left = part.size();
      troubled = false;
      current = open(index);
      if (hashing()) {
        digest.reset();
      }
      if (left == 0) {
        finishPart();
      }
    }
    int want = (int) Math.min(len, left);
    int n = -1;
    if (current != null) {
      try {
        n = current.read(b, off, want);
      } catch (IOException e) {
        noteProblem(parts.get(index).file() + ": " + e.getMessage());
        closeCurrent();
      }
    }
    if (n <= 0) {
      noteProblem(parts.get(index).file() + ": shorter than when it was listed");
      Arrays.fill(b, off, off + want, (byte) 0);
      n = want;
    }
    if (hashing()) {
      digest.update(b, off, n);
    }
    left -= n;
    if (left == 0) {
      finishPart();
    }
    return n;
  }

  /** The current file is sent: its hash counts only when the file is still as it was listed. */
  private void finishPart() {
    closeCurrent();
    if (!hashing()) {
      return;
    }
    Part part = parts.get(index);
    String sha256 = Sha256.hex(digest);
    if (!troubled && unchangedSinceListed(part)) {
      hashes[index] = sha256;
      hashed.unchanged(part, sha256);
    } else {
      noteProblem(part.file() + ": changed while it was sent");
    }
  }

  /** Same size, modification time and file (not one renamed over it) as when the batch was made. */
  private static boolean unchangedSinceListed(Part part) {
    try {
      BasicFileAttributes now = Files.readAttributes(part.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return now.size() == part.size() && now.lastModifiedTime().equals(part.modified())
          && Objects.equals(now.fileKey(), part.fileKey());
    } catch (IOException e) {
      return false;
    }
  }

  private InputStream open(int index) {
    try {
      return smallFiles.open(index);
    } catch (IOException e) {
      troubled = true;
      noteProblem(parts.get(index).file() + ": " + e.getMessage());
      return null;
    }
  }

  private void noteProblem(String what) {
    troubled = true;
    if (problem == null) {
      problem = what;
    }
  }

  private void closeCurrent() {
    if (current != null) {
      try {
        current.close();
      } catch (IOException e) {
        // Only read: nothing to lose.
      }
      current = null;
    }
  }

  @Override
  public void close() {
    closeCurrent();
    smallFiles.close();
    index = parts.size();
    left = 0;
  }
}
