package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.filesync.FileClass;
import org.ncsha.filesync.ManifestEntry;
import org.ncsha.filesync.SyncPath;

class FileAreaTest {
  @TempDir Path dir;
  FileArea area;

  @BeforeEach
  void prepare() {
    area = new FileArea(dir.resolve("files"), 1000);
    area.prepare();
  }

  private static String sha(byte[] b) throws IOException {
    return FileArea.sha256(new ByteArrayInputStream(b));
  }

  @Test
  void a_received_file_takes_its_place_whole_and_is_in_the_manifest() throws Exception {
    byte[] content = "interface Gi0/1\n".getBytes(StandardCharsets.UTF_8);
    assertFalse(area.receive(SyncPath.of("templates/branch/gi.txt"), new ByteArrayInputStream(content), content.length, sha(content)));
    assertArrayEquals(content, Files.readAllBytes(dir.resolve("files/templates/branch/gi.txt")));
    assertEquals(List.of(new ManifestEntry("templates/branch/gi.txt", content.length, sha(content))),
        area.manifest(List.of(FileClass.TEMPLATES)));
    assertEquals(List.of(), area.manifest(List.of(FileClass.LICENSES)));
    byte[] changed = "interface Gi0/2\n".getBytes(StandardCharsets.UTF_8);
    assertTrue(area.receive(SyncPath.of("templates/branch/gi.txt"), new ByteArrayInputStream(changed), changed.length, sha(changed)),
        "a file of other content is replaced");
    assertEquals(sha(changed), area.manifest(List.of(FileClass.TEMPLATES)).get(0).sha256(), "the hash follows the content");
  }

  @Test
  void content_that_does_not_match_its_hash_or_length_changes_nothing() throws Exception {
    byte[] old = "old".getBytes(StandardCharsets.UTF_8);
    area.write(SyncPath.of("settings/mail"), old);
    byte[] content = "new content".getBytes(StandardCharsets.UTF_8);
    FileArea.Refused wrongHash = assertThrows(FileArea.Refused.class, () -> area.receive(SyncPath.of("settings/mail"),
        new ByteArrayInputStream(content), content.length, sha(old)));
    assertTrue(wrongHash.getMessage().contains("SHA-256"), wrongHash.getMessage());
    assertThrows(FileArea.Refused.class, () -> area.receive(SyncPath.of("settings/mail"),
        new ByteArrayInputStream(content), content.length + 5, sha(content)), "fewer bytes than announced");
    assertThrows(FileArea.Refused.class, () -> area.receive(SyncPath.of("settings/mail"),
        new ByteArrayInputStream(content), content.length - 1, sha(content)), "more bytes than announced");
    assertArrayEquals(old, Files.readAllBytes(dir.resolve("files/settings/mail")));
    assertEquals(0, incoming(), "no temporary file is left");
  }

  @Test
  void a_transfer_cut_in_the_middle_leaves_no_partial_file() throws Exception {
    InputStream cut = new InputStream() {
      int sent;

      @Override
      public int read() throws IOException {
        if (sent++ < 100) {
          return 'x';
        }
        throw new IOException("connection reset");
      }
    };
    assertThrows(IOException.class, () -> area.receive(SyncPath.of("tftp/ios.bin"), cut, 500, "00"));
    assertFalse(Files.exists(dir.resolve("files/tftp/ios.bin")));
    assertEquals(0, incoming());
  }

  @Test
  void a_file_over_the_limit_is_refused_before_a_byte_is_read() {
    InputStream never = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read");
      }
    };
    FileArea.Refused e = assertThrows(FileArea.Refused.class, () -> area.receive(SyncPath.of("licenses/big.lic"), never, 1001, "00"));
    assertTrue(e.getMessage().contains("filesync.max.file.bytes"), e.getMessage());
  }

  @Test
  void symbolic_links_are_neither_listed_nor_followed() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "s");
    Files.createSymbolicLink(dir.resolve("files/reports/link"), outside);
    Files.createSymbolicLink(dir.resolve("files/reports/file-link"), outside.resolve("secret"));
    assertEquals(List.of(), area.manifest(List.of(FileClass.REPORTS)));
    byte[] b = "x".getBytes(StandardCharsets.UTF_8);
    assertThrows(FileArea.Refused.class, () -> area.receive(SyncPath.of("reports/link/secret"), new ByteArrayInputStream(b), 1, sha(b)));
    assertThrows(FileArea.Refused.class, () -> area.delete(SyncPath.of("reports/link/secret")));
    assertEquals("s", Files.readString(outside.resolve("secret")));
  }

  @Test
  void a_deleted_file_leaves_the_manifest_and_a_new_start_clears_what_a_cut_left() throws Exception {
    area.write(SyncPath.of("reports/weekly.csv"), "a,b".getBytes(StandardCharsets.UTF_8));
    assertTrue(area.delete(SyncPath.of("reports/weekly.csv")));
    assertFalse(area.delete(SyncPath.of("reports/weekly.csv")));
    assertEquals(List.of(), area.manifest(List.of(FileClass.REPORTS)));
    Files.writeString(dir.resolve("files/.incoming/left.part"), "half");
    area.prepare();
    assertEquals(0, incoming());
  }

  private long incoming() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("files/.incoming"))) {
      return s.count();
    }
  }
}
