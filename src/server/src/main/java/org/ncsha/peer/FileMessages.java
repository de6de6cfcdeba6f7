package org.ncsha.peer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ncsha.filesync.ManifestEntry;

/**
 * The file-sync messages between the Health Monitors. Files travel in batches: the body of a
 * request is its signed part, the {@link FileBatch} (each file's path, size and SHA-256) as JSON
 * on a line of its own after its length in bytes, followed by the files' bytes in that order.
 * The receiver checks the signature before it reads a byte of content and each hash before the
 * file takes its place, so the content is as authenticated as any peer message without being
 * held in memory.
 */
public final class FileMessages {
  private FileMessages() {}

  public static final String MANIFEST_PATH = "/api/peer/files/manifest";
  public static final String BATCH_PATH = "/api/peer/files/batch";
  public static final String DELETE_PATH = "/api/peer/files/delete";
  /** The signed part is read before the signature is checked: an unauthenticated caller gets no further. */
  static final int MAX_SIGNED_BYTES = 4 * 1024 * 1024;

  /**
   * The receiver's files in these class folders, and under these entries of the others
   * ("class/name"): the part of the area a run compares. A receiver of an older version reads
   * only {@code classes} (none, for a run of changed entries) and answers for those: the sender
   * then sends every file of the entries again and leaves deletions to the timers' runs.
   * {@code digests}: the sender's {@link org.ncsha.filesync.ClassDigests} of whole classes; a
   * receiver of an older version ignores them and lists every file, as before.
   */
  public record ManifestRequest(List<String> classes, List<String> entries, Map<String, String> digests) {
    public ManifestRequest {
      classes = classes == null ? List.of() : classes;
      entries = entries == null ? List.of() : entries;
      digests = digests == null ? Map.of() : digests;
    }
  }

  /**
   * The receiver's files, except those of the classes in {@code unchanged}: classes whose digest
   * the sender gave and the receiver's files match, which it does not list.
   */
  public record Manifest(List<ManifestEntry> entries, List<String> unchanged) {
    public Manifest {
      unchanged = unchanged == null ? List.of() : unchanged;
    }
  }

  /** The files of one request, in the order their bytes follow. */
  public record FileBatch(List<ManifestEntry> files) {}

  /** A file the receiver did not take (its content did not match its hash), and why. */
  public record Refusal(String path, String message) {}

  /** What the receiver applied: how many files took their place, and the ones it refused. */
  public record BatchResult(int received, List<Refusal> refused) {}

  public record DeleteRequest(List<String> paths) {}

  /** The start of a batch's body: the signed part's length in bytes, a newline, the signed part. */
  static byte[] frame(String signed) {
    byte[] json = signed.getBytes(StandardCharsets.UTF_8);
    byte[] length = (json.length + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[length.length + json.length];
    System.arraycopy(length, 0, framed, 0, length.length);
    System.arraycopy(json, 0, framed, length.length, json.length);
    return framed;
  }

  /** Reads a batch's signed part, leaving {@code in} at the first byte of content. */
  public static String readSignedPart(InputStream in) throws IOException {
    long length = 0;
    int digits = 0;
    int b;
    while ((b = in.read()) != '\n') {
      if (b < '0' || b > '9' || ++digits > 8) {
        throw new IOException("body: must start with the signed part's length in bytes and a newline");
      }
      length = length * 10 + (b - '0');
    }
    if (digits == 0 || length > MAX_SIGNED_BYTES) {
      throw new IOException("body: the signed part must be 1 to " + MAX_SIGNED_BYTES + " bytes, not " + length);
    }
    byte[] json = in.readNBytes((int) length);
    if (json.length != length) {
      throw new IOException("body: ended inside the signed part");
    }
    return new String(json, StandardCharsets.UTF_8);
  }
}
