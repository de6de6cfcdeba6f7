package org.ncsha.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream on a thread of its own, a few buffers ahead of the thread that takes it. A
 * batch's content is read from disk and hashed on that thread while the sending thread encrypts
 * and writes the buffers before: for a 1 GB file the one sending thread did both, 1.7 to 1.8
 * CPU-seconds of the 2.1 s the transfer took, and the pair was waiting on it (docs/file-sync.md).
 *
 * <p>The source is read, and closed, by the reading thread only; {@link #close} stops it first.
 */
final class ReadAhead extends InputStream {
  static final int BUFFER_BYTES = 1024 * 1024;
  /** One being filled, one being taken, two ready. */
  static final int BUFFERS = 4;
  /** How long a close waits for the reading thread to stop (it is interrupted). */
  private static final long STOP_WAIT_MS = 10_000;

  /** Bytes read, or the end ({@code length} -1), or why reading failed. */
  private record Filled(byte[] bytes, int length, Throwable failure) {
    static final Filled END = new Filled(null, -1, null);
  }

  private final InputStream source;
  private final String threadName;
  private final int bufferBytes;
  private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<Filled> filled = new ArrayBlockingQueue<>(BUFFERS + 1);
  private int madeBuffers;
  private Thread reader;
  private volatile boolean closed;
  private Filled current;
  private int position;
  private boolean ended;

  /** {@code expectedBytes}: about how much the source holds, so that a small one gets small buffers. */
  ReadAhead(InputStream source, long expectedBytes, String threadName) {
    this.source = source;
    this.threadName = threadName;
    this.bufferBytes = (int) Math.max(1, Math.min(BUFFER_BYTES, expectedBytes));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  /** What the current buffer still holds, up to {@code len}; the next buffer when it is used up. */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("closed");
    }
    if (len == 0) {
      return 0;
    }
    if (ended) {
      return -1;
    }
    if (current == null || position == current.length()) {
      if (current != null) {
        empty.add(current.bytes());
      }
      current = next();
      position = 0;
      if (current.failure() != null) {
        ended = true;
        throw current.failure() instanceof IOException io ? io : new IOException(current.failure());
      }
      if (current.length() < 0) {
        ended = true;
        current = null;
        return -1;
      }
    }
    int n = Math.min(len, current.length() - position);
    System.arraycopy(current.bytes(), position, b, off, n);
    position += n;
    return n;
  }

  private Filled next() throws IOException {
    if (reader == null) {
      reader = new Thread(this::readAll, threadName);
      reader.setDaemon(true);
      reader.start();
    }
    try {
      return filled.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for content read ahead");
    }
  }

  /** The reading thread: fills buffers until the source ends, fails, or this is closed; then closes the source. */
  private void readAll() {
    try {
      while (!closed) {
        byte[] buffer = emptyBuffer();
        int n = source.readNBytes(buffer, 0, buffer.length);
        if (n > 0) {
          filled.put(new Filled(buffer, n, null));
        }
        if (n < buffer.length) {
          filled.put(Filled.END);
          return;
        }
      }
    } catch (InterruptedException e) {
      // Closed: nobody takes what is left.
    } catch (IOException | RuntimeException e) {
      filled.offer(new Filled(null, 0, e));
    } finally {
      closeSource();
    }
  }

  /** A buffer to fill: a returned one, or a new one while fewer than {@link #BUFFERS} were made. */
  private byte[] emptyBuffer() throws InterruptedException {
    byte[] buffer = empty.poll();
    if (buffer != null) {
      return buffer;
    }
    if (madeBuffers < BUFFERS) {
      madeBuffers++;
      return new byte[bufferBytes];
    }
    return empty.take();
  }

  private void closeSource() {
    try {
      source.close();
    } catch (IOException e) {
      // Only read: nothing to lose.
    }
  }

  /** Stops the reading thread (which closes the source), or closes the source when it never started. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (reader == null) {
      closeSource();
      return;
    }
    reader.interrupt();
    try {
      reader.join(STOP_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
