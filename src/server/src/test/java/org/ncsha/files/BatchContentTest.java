package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchContentTest {
  @TempDir Path dir;

  /** A part whose hash is listed with it (none here), as the format of earlier versions sends. */
  private static BatchContent.Part listedAs(Path file, long size) {
    return new BatchContent.Part(file.getFileName().toString(), file, size, null, null, null);
  }

  @Test
  void a_read_fills_the_buffer_across_files_and_the_end_stays_the_end() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "aaa");
    Path b = Files.writeString(dir.resolve("b"), "bb");
    Path c = Files.writeString(dir.resolve("c"), "cccc");
    try (BatchContent content = new BatchContent(List.of(listedAs(a, 3), listedAs(b, 2),
        listedAs(c, 4)))) {
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
    try (BatchContent content = new BatchContent(List.of(listedAs(a, 3),
        listedAs(dir.resolve("gone"), 2), listedAs(c, 2)))) {
      byte[] all = content.readAllBytes();
      assertEquals("aaa\0\0cc", new String(all, StandardCharsets.US_ASCII));
      assertEquals(true, content.problem().contains("gone"), content.problem());
    }
  }

  private static BatchContent.Part listed(String path, Path file) throws java.io.IOException {
    java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
    return new BatchContent.Part(path, file, a.size(), null, a.lastModifiedTime(), a.fileKey());
  }

  @Test
  void content_hashed_on_the_way_tells_each_hash_after_the_end_and_none_for_a_file_that_changed() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "aaa");
    Path b = Files.writeString(dir.resolve("b"), "bb");
    Path c = Files.writeString(dir.resolve("c"), "");
    List<BatchContent.Part> parts = List.of(listed("reports/a", a), listed("reports/b", b), listed("reports/c", c));
    // b is rewritten after the listing, same size: only its modification time tells.
    Files.writeString(b, "BB");
    Files.setLastModifiedTime(b, java.nio.file.attribute.FileTime.fromMillis(
        parts.get(1).modified().toMillis() + 5000));
    java.util.Map<String, String> kept = new java.util.LinkedHashMap<>();
    try (BatchContent content = new BatchContent(parts, (part, sha) -> kept.put(part.path(), sha))) {
      assertEquals(List.of(new org.ncsha.filesync.ManifestEntry("reports/a", 3, null),
          new org.ncsha.filesync.ManifestEntry("reports/b", 2, null), new org.ncsha.filesync.ManifestEntry("reports/c", 0, null)),
          content.entries(), "announced without hashes");
      org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, content::hashes, "not before the end");
      assertEquals("aaaBB", new String(content.readAllBytes(), StandardCharsets.US_ASCII));
      String shaA = org.ncsha.security.Sha256.of(new java.io.ByteArrayInputStream("aaa".getBytes(StandardCharsets.US_ASCII)));
      String shaEmpty = org.ncsha.security.Sha256.of(new java.io.ByteArrayInputStream(new byte[0]));
      assertEquals(java.util.Arrays.asList(shaA, null, shaEmpty), content.hashes());
      assertEquals(java.util.Map.of("reports/a", shaA, "reports/c", shaEmpty), kept, "only unchanged files' hashes are kept");
      assertTrue(content.problem().contains("changed while it was sent"), content.problem());
    }
    BatchContent closedEarly = new BatchContent(parts, (part, sha) -> { });
    closedEarly.read(new byte[2]);
    closedEarly.close();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, closedEarly::hashes,
        "content closed before its end has no hashes to tell");
  }

  @Test
  void a_file_replaced_by_another_of_the_same_size_and_time_is_not_taken_for_the_one_listed() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "aaa");
    BatchContent.Part part = listed("reports/a", a);
    Path other = Files.writeString(dir.resolve("other"), "zzz");
    Files.setLastModifiedTime(other, part.modified());
    Files.move(other, a, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    try (BatchContent content = new BatchContent(List.of(part), (p, sha) -> { })) {
      content.readAllBytes();
      assertEquals(java.util.Collections.singletonList(null), content.hashes());
    }
  }

  @Test
  void small_files_read_ahead_arrive_in_their_order_each_with_its_own_hash_and_a_large_one_between_them() throws Exception {
    // More small files than are read ahead at once, and one too large to be read ahead.
    List<BatchContent.Part> parts = new java.util.ArrayList<>();
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    List<String> expectedHashes = new java.util.ArrayList<>();
    for (int i = 0; i < SmallFilesAhead.WINDOW * 2 + 7; i++) {
      byte[] bytes = (i == 100 ? "L".repeat((int) SmallFilesAhead.SMALL_BYTES + 1) : "file " + i + ";").getBytes(StandardCharsets.US_ASCII);
      Path f = Files.write(dir.resolve("f" + i), bytes);
      parts.add(listed("reports/f" + i, f));
      expected.write(bytes);
      expectedHashes.add(org.ncsha.security.Sha256.of(new java.io.ByteArrayInputStream(bytes)));
    }
    try (BatchContent content = new BatchContent(parts, (p, sha) -> { })) {
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[1000];
      for (int n = content.read(buffer, 0, buffer.length); n >= 0; n = content.read(buffer, 0, buffer.length)) {
        got.write(buffer, 0, n);
      }
      org.junit.jupiter.api.Assertions.assertArrayEquals(expected.toByteArray(), got.toByteArray());
      assertEquals(expectedHashes, content.hashes());
      assertEquals(null, content.problem());
    }
  }

  @Test
  void a_small_file_that_grew_since_it_was_listed_is_cut_to_its_listed_size_and_gets_no_hash() throws Exception {
    Path a = Files.writeString(dir.resolve("a"), "aaa");
    Path b = Files.writeString(dir.resolve("b"), "bb");
    List<BatchContent.Part> parts = List.of(listed("reports/a", a), listed("reports/b", b));
    Files.writeString(a, "aaaa-and-more");
    try (BatchContent content = new BatchContent(parts, (p, sha) -> { })) {
      assertEquals("aaabb", new String(content.readAllBytes(), StandardCharsets.US_ASCII), "b still lines up");
      assertEquals(null, content.hashes().get(0));
      assertTrue(content.problem().contains("changed while it was sent"), content.problem());
    }
  }
}
