package org.ncsha.peer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ncsha.filesync.ManifestEntry;

/**
 * The file-sync messages between the Health Monitors. Files travel in batches: the body of a
 * request is its signed part, the {@link FileBatch} (each file's path and size) as JSON on a
 * line of its own after its length in bytes, followed by the files' bytes in that order, and
 * then, framed the same way, the {@link Trailer}: each file's SHA-256, signed with the request's
 * time and nonce. The sender hashes each file while it sends it (it reads it once); the receiver
 * checks the signature before it reads a byte of content, and the trailer's signature and each
 * hash before a file takes its place, so the content is as authenticated as any peer message
 * without being held in memory.
 *
 * <p>A receiver of an older version knows only {@link #BATCH_PATH}, where each hash is in the
 * signed part and there is no trailer; its manifest does not say {@code hashesAfterContent},
 * and the sender then hashes each file before it sends it.
 */
public final class FileMessages {
  private FileMessages() {}

  public static final String MANIFEST_PATH = "/api/peer/files/manifest";
  /** A batch whose hashes are in its signed part (the format of earlier versions). */
  public static final String BATCH_PATH = "/api/peer/files/batch";
  /** A batch whose hashes follow its content, in the trailer. */
  public static final String STREAM_PATH = "/api/peer/files/stream";
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
   * {@code hashesAfterContent}: the receiver takes batches at {@link #STREAM_PATH} (an older one
   * does not say so).
   */
  public record Manifest(List<ManifestEntry> entries, List<String> unchanged, Boolean hashesAfterContent) {
    public Manifest {
      unchanged = unchanged == null ? List.of() : unchanged;
      hashesAfterContent = Boolean.TRUE.equals(hashesAfterContent);
    }
  }

  /** The files of one request, in the order their bytes follow (at {@link #STREAM_PATH}, without their hashes). */
  public record FileBatch(List<ManifestEntry> files) {}

  /**
   * After a batch's content: each file's SHA-256 in order (null for a file that changed while it
   * was read, which the receiver refuses), and the signature of {@link #trailerSigned}.
   */
  public record Trailer(List<String> sha256, String signature) {}

  /** A hash a trailer may carry: a SHA-256 as {@link org.ncsha.security.Sha256#hex} writes it. */
  private static final java.util.regex.Pattern SHA256_HEX = java.util.regex.Pattern.compile("[0-9a-f]{64}");

  /** The trailer of a batch sent under this request's key, time, nonce and scope ({@link PeerSignature#requestScope}). */
  public static Trailer trailer(List<String> sha256, String peerSecret, long time, String nonce, String requestScope) {
    return new Trailer(sha256, PeerSignature.sign(peerSecret, time, nonce, trailerScope(requestScope), trailerSigned(sha256)));
  }

  /**
   * The trailer's hashes, when each is a SHA-256 (64 lowercase hexadecimal digits) or null and the
   * trailer is signed under this request's key, time, nonce and scope; otherwise why not.
   */
  public static List<String> checkedHashes(Trailer trailer, String peerSecret, long time, String nonce,
      String requestScope) throws IOException {
    if (trailer == null || trailer.sha256() == null) {
      throw new IOException("trailer: no hashes");
    }
    for (String h : trailer.sha256()) {
      if (h != null && !SHA256_HEX.matcher(h).matches()) {
        throw new IOException("trailer: each hash must be 64 lowercase hexadecimal digits, or null for a file that changed");
      }
    }
    if (!PeerSignature.matches(peerSecret, time, nonce, trailerScope(requestScope), trailerSigned(trailer.sha256()),
        trailer.signature())) {
      throw new IOException("trailer: not signed with this request's key, time and nonce");
    }
    return trailer.sha256();
  }

  /** What a trailer's signature covers: its hashes, one a line ("-" for none; a hash is hexadecimal). */
  static String trailerSigned(List<String> sha256) {
    return String.join("\n", sha256.stream().map(h -> h == null ? "-" : h).toList());
  }

  /** The path a trailer is signed under: its request's, so it cannot be taken for another request or a reply. */
  private static String trailerScope(String requestScope) {
    return requestScope + " trailer";
  }

  /** A file the receiver did not take (its content did not match its hash), and why. */
  public record Refusal(String path, String message) {}

  /** What the receiver applied: how many files took their place, and the ones it refused. */
  public record BatchResult(int received, List<Refusal> refused) {}

  public record DeleteRequest(List<String> paths) {}

  /** The start of a batch's body, or its trailer: the part's length in bytes, a newline, the part. */
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
    return readFramed(in, "body", "the signed part");
  }

  /** Reads a batch's trailer, after its content. */
  public static String readTrailer(InputStream in) throws IOException {
    return readFramed(in, "trailer", "the trailer");
  }

  private static String readFramed(InputStream in, String where, String what) throws IOException {
    long length = 0;
    int digits = 0;
    int b;
    while ((b = in.read()) != '\n') {
      if (b < '0' || b > '9' || ++digits > 8) {
        throw new IOException(where + ": must start with " + what + "'s length in bytes and a newline");
      }
      length = length * 10 + (b - '0');
    }
    if (digits == 0 || length > MAX_SIGNED_BYTES) {
      throw new IOException(where + ": " + what + " must be 1 to " + MAX_SIGNED_BYTES + " bytes, not " + length);
    }
    byte[] json = in.readNBytes((int) length);
    if (json.length != length) {
      throw new IOException(where + ": ended inside " + what);
    }
    return new String(json, StandardCharsets.UTF_8);
  }
}
