package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.security.Sha256;

class IncomingCopyTest {
  @TempDir Path dir;

  /** Content of a size, the same for the same size. */
  static byte[] random(int size) {
    byte[] b = new byte[size];
    new java.util.Random(size).nextBytes(b);
    return b;
  }

  @Test
  void a_large_file_is_written_beside_the_reads_flushed_on_the_way_and_hashed_as_it_arrived() throws Exception {
    byte[] big = random(5 * IncomingCopy.BUFFER_BYTES + 77);
    ManifestEntry e = new ManifestEntry("tftp/ios.bin", big.length, null);
    try (IncomingCopy copy = new IncomingCopy(big.length, IncomingCopy.BUFFER_BYTES)) {
      String sha = copy.copy(new ByteArrayInputStream(big), dir.resolve("part"), e);
      assertEquals(Sha256.of(new ByteArrayInputStream(big)), sha);
      assertTrue(copy.flushesStarted() >= 1, "flushed while it arrived: " + copy.flushesStarted());
      // The same copier, the next file of the batch: its buffers are reused.
      byte[] next = random(IncomingCopy.BUFFER_BYTES + 1);
      assertEquals(Sha256.of(new ByteArrayInputStream(next)), copy.copy(new ByteArrayInputStream(next), dir.resolve("next"),
          new ManifestEntry("tftp/next.bin", next.length, null)));
      assertArrayEquals(next, Files.readAllBytes(dir.resolve("next")));
    }
    assertArrayEquals(big, Files.readAllBytes(dir.resolve("part")));
  }

  @Test
  void a_stream_that_ends_early_says_how_much_of_the_file_arrived() throws Exception {
    byte[] big = random(3 * IncomingCopy.BUFFER_BYTES);
    ManifestEntry e = new ManifestEntry("tftp/ios.bin", big.length, null);
    try (IncomingCopy copy = new IncomingCopy(big.length, IncomingCopy.BUFFER_BYTES)) {
      EOFException early = assertThrows(EOFException.class, () -> copy.copy(
          new ByteArrayInputStream(big, 0, 2 * IncomingCopy.BUFFER_BYTES + 5), dir.resolve("part"), e));
      assertEquals("tftp/ios.bin: the transfer ended after " + (2 * IncomingCopy.BUFFER_BYTES + 5) + " of " + big.length
          + " bytes", early.getMessage());
    }
  }
}
