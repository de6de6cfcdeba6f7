package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchContentTest {
  @TempDir Path dir;

  @Test
  void a_read_fills_the_buffer_across_files_and_the_end_stays_the_end() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "aaa");
    Path b = Files.writeString(dir.resolve("b"), "bb");
    Path c = Files.writeString(dir.resolve("c"), "cccc");
    try (BatchContent content = new BatchContent(List.of(new BatchContent.Part(a, 3), new BatchContent.Part(b, 2),
        new BatchContent.Part(c, 4)))) {
      byte[] buffer = new byte[100];
      int n = content.read(buffer, 0, buffer.length);
      assertEquals("aaabbcccc", new String(buffer, 0, n, StandardCharsets.US_ASCII), "one read, every file");
      assertEquals(-1, content.read(buffer, 0, buffer.length));
      assertEquals(-1, content.read(buffer, 0, buffer.length), "still the end");
      assertEquals(-1, content.read());
    }
  }

  @Test
  void a_file_gone_since_it_was_listed_is_padded_and_the_next_still_lines_up() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "aaa");
    Path c = Files.writeString(dir.resolve("c"), "cc");
    try (BatchContent content = new BatchContent(List.of(new BatchContent.Part(a, 3),
        new BatchContent.Part(dir.resolve("gone"), 2), new BatchContent.Part(c, 2)))) {
      byte[] all = content.readAllBytes();
      assertEquals("aaa\0\0cc", new String(all, StandardCharsets.US_ASCII));
      assertEquals(true, content.problem().contains("gone"), content.problem());
    }
  }
}
