package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadAheadTest {
  /** A source that notes which threads read and closed it. */
  private static final class Watched extends InputStream {
    final InputStream in;
    final Set<String> readBy = ConcurrentHashMap.newKeySet();
    final CountDownLatch closed = new CountDownLatch(1);
    volatile String closedBy;

    Watched(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      readBy.add(Thread.currentThread().getName());
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      readBy.add(Thread.currentThread().getName());
      return in.read(b, off, len);
    }

    @Override
    public void close() throws IOException {
      closedBy = Thread.currentThread().getName();
      closed.countDown();
      in.close();
    }
  }

  @Test
  void the_content_arrives_whole_and_in_order_across_buffers_read_and_closed_on_the_reading_thread() throws Exception {
    byte[] content = new byte[3 * ReadAhead.BUFFER_BYTES + 12345];
    new java.util.Random(3).nextBytes(content);
    Watched source = new Watched(new ByteArrayInputStream(content));
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try (ReadAhead ahead = new ReadAhead(source, content.length, "test-read-ahead")) {
      byte[] buffer = new byte[700_001]; // not a buffer's size: reads end inside them and across them
      for (int n = ahead.read(buffer, 0, buffer.length); n >= 0; n = ahead.read(buffer, 0, buffer.length)) {
        got.write(buffer, 0, n);
      }
      assertEquals(-1, ahead.read(), "the end stays the end");
      assertTrue(source.closed.await(10, TimeUnit.SECONDS), "the source is closed once read to its end");
    }
    assertArrayEquals(content, got.toByteArray());
    assertEquals(Set.of("test-read-ahead"), source.readBy, "read on its own thread only");
    assertEquals("test-read-ahead", source.closedBy);
  }

  @Test
  void a_failure_of_the_source_reaches_the_reader_after_what_was_read_before_it() throws Exception {
    InputStream failing = new InputStream() {
      private int left = 10;

      @Override
      public int read() throws IOException {
        if (left-- > 0) {
          return 'x';
        }
        throw new IOException("disk gone");
      }
    };
    try (ReadAhead ahead = new ReadAhead(failing, 5, "test-read-ahead")) {
      byte[] first = new byte[5];
      assertEquals(5, ahead.readNBytes(first, 0, 5));
      IOException e = assertThrows(IOException.class, ahead::readAllBytes);
      assertEquals("disk gone", e.getMessage());
    }
  }

  @Test
  void a_close_before_the_end_stops_the_reading_thread_which_closes_the_source() throws Exception {
    // Never ends: only the close stops the reading.
    Watched endless = new Watched(new InputStream() {
      @Override
      public int read() {
        return 'y';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        java.util.Arrays.fill(b, off, off + len, (byte) 'y');
        return len;
      }
    });
    ReadAhead ahead = new ReadAhead(endless, Long.MAX_VALUE, "test-read-ahead");
    assertEquals('y', ahead.read());
    ahead.close();
    assertTrue(endless.closed.await(10, TimeUnit.SECONDS), "closed by the stopped reading thread");
    assertEquals("test-read-ahead", endless.closedBy);
    assertThrows(IOException.class, ahead::read, "nothing is read after the close");
  }

  @Test
  void a_close_without_a_read_closes_the_source_and_starts_no_thread() throws Exception {
    Watched source = new Watched(new ByteArrayInputStream(new byte[10]));
    new ReadAhead(source, 10, "test-read-ahead").close();
    assertEquals(Thread.currentThread().getName(), source.closedBy);
    assertTrue(source.readBy.isEmpty());
  }
}
