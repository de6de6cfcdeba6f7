package org.ncsha.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a batch's files one after another, each exactly as long as the batch lists it. A
 * file that changed since it was hashed (shorter, longer, gone, unreadable) is padded with zeros
 * or cut to that length: its hash then fails on the receiver, which refuses that file alone, and
 * the files after it still line up. The next run sends it again with its new hash.
 */
final class BatchContent extends InputStream {
  record Part(Path file, long size) {}

  private final List<Part> parts;
  private int index = -1;
  private long left;
  private InputStream current;
  private String problem;

  BatchContent(List<Part> parts) {
    this.parts = parts;
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
      closeCurrent();
      if (index + 1 >= parts.size()) {
        index = parts.size();
        return -1;
      }
      index++;
      Part part = parts.get(index);
      left = part.size();
      current = open(part.file());
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
    left -= n;
    return n;
  }

  private InputStream open(Path file) {
    try {
      return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      noteProblem(file + ": " + e.getMessage());
      return null;
    }
  }

  private void noteProblem(String what) {
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
    index = parts.size();
    left = 0;
  }
}
