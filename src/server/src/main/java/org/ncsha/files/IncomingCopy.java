package org.ncsha.files;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.security.Sha256;

/**
 * Copies the files of one batch from its stream into their temporary files, hashing what
 * arrives (measured with a 1 GB file, docs/file-sync.md):
 * <ul>
 * <li>Whole buffers of 1 MiB are written, not what each read of the stream returns (a TLS
 * record, 16 KiB): the kernel caches a large write in large pages, at a fraction of the cost.
 * <li>A file larger than one buffer is written by a second thread while the request's thread
 * decrypts and hashes the next buffer.
 * <li>Every {@link #FLUSH_EVERY_BYTES} written, a third thread starts flushing the file: the disk
 * writes while the rest arrives, and the flush before the rename (which a file must have before
 * it takes its place) has only the tail left, not the whole file.
 * </ul>
 */
final class IncomingCopy implements AutoCloseable {
  static final int BUFFER_BYTES = 1024 * 1024;
  static final long FLUSH_EVERY_BYTES = 64L * 1024 * 1024;

  /** Two buffers, the second made for a file larger than one. */
  private final byte[][] buffers = new byte[2][];
  private final MessageDigest digest = Sha256.digest();
  private ExecutorService writer;
  private ExecutorService flusher;
  private final long flushEvery;
  private int flushesStarted;

  /** For a batch whose largest file is {@code largest} bytes: no buffer larger than that. */
  IncomingCopy(long largest) {
    this(largest, FLUSH_EVERY_BYTES);
  }

  /** The same, flushing a large file every {@code flushEvery} bytes (a test sees the flushes in a small file). */
  IncomingCopy(long largest, long flushEvery) {
    buffers[0] = new byte[(int) Math.max(1, Math.min(BUFFER_BYTES, largest))];
    this.flushEvery = flushEvery;
  }

  /** How many flushes were started while files arrived. */
  int flushesStarted() {
    return flushesStarted;
  }

  /** Copies exactly the entry's size from {@code in} into {@code part}; the SHA-256 of what arrived. */
  String copy(InputStream in, Path part, ManifestEntry e) throws IOException {
    digest.reset();
    try (FileChannel to = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      if (e.size() <= buffers[0].length) {
        copyHere(in, to, e);
      } else {
        copyBeside(in, to, e);
      }
    }
    return Sha256.hex(digest);
  }

  private void copyHere(InputStream in, FileChannel to, ManifestEntry e) throws IOException {
    long left = e.size();
    while (left > 0) {
      int n = fill(in, buffers[0], e, left);
      write(to, buffers[0], n);
      left -= n;
    }
  }

  /** Two buffers in turn: one is written beside while the other fills. */
  private void copyBeside(InputStream in, FileChannel to, ManifestEntry e) throws IOException {
    if (buffers[1] == null) {
      buffers[1] = new byte[buffers[0].length];
    }
    long left = e.size();
    long unflushed = 0;
    Future<?> writing = null;
    Future<?> flushing = null;
    int turn = 0;
    try {
      while (left > 0) {
        byte[] buffer = buffers[turn];
        int n = fill(in, buffer, e, left);
        await(writing); // the other buffer's write: that buffer is filled next
        unflushed += n;
        if (unflushed >= flushEvery && (flushing == null || flushing.isDone())) {
          await(flushing);
          unflushed = 0;
          flushesStarted++;
          flushing = flusher().submit(() -> {
            to.force(false);
            return null;
          });
        }
        writing = writer().submit(() -> {
          write(to, buffer, n);
          return null;
        });
        left -= n;
        turn = 1 - turn;
      }
      await(writing);
      await(flushing);
      writing = null;
      flushing = null;
    } finally {
      // A read failed: nothing may still use the channel when it closes (the file is removed).
      settle(writing);
      settle(flushing);
    }
  }

  private int fill(InputStream in, byte[] buffer, ManifestEntry e, long left) throws IOException {
    int want = (int) Math.min(buffer.length, left);
    int n = in.readNBytes(buffer, 0, want);
    if (n < want) {
      throw new EOFException(e.path() + ": the transfer ended after " + (e.size() - left + n) + " of " + e.size() + " bytes");
    }
    digest.update(buffer, 0, n);
    return n;
  }

  private static void write(FileChannel to, byte[] buffer, int n) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
    while (bytes.hasRemaining()) {
      to.write(bytes);
    }
  }

  private ExecutorService writer() {
    if (writer == null) {
      writer = Executors.newSingleThreadExecutor(r -> daemon(r, "ncs-file-write"));
    }
    return writer;
  }

  private ExecutorService flusher() {
    if (flusher == null) {
      flusher = Executors.newSingleThreadExecutor(r -> daemon(r, "ncs-file-flush"));
    }
    return flusher;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void await(Future<?> work) throws IOException {
    if (work == null) {
      return;
    }
    try {
      work.get();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while a file was written");
    } catch (ExecutionException ee) {
      if (ee.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(ee.getCause());
    }
  }

  /**
   * Waits for work whose outcome no longer matters (the copy has failed already), even when this
   * thread is interrupted: the channel it uses closes after this.
   */
  private static void settle(Future<?> work) {
    if (work == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        work.get();
        break;
      } catch (InterruptedException ie) {
        interrupted = true;
      } catch (ExecutionException ignored) {
        break; // the copy's own failure is the one reported
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.shutdownNow();
    }
    if (flusher != null) {
      flusher.shutdownNow();
    }
  }
}
