package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.filesync.ChangeScope;
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static ManifestEntry entry(String path, byte[] content) throws IOException {
    return new ManifestEntry(path, content.length, sha(content));
  }

  private static InputStream concat(byte[]... contents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] c : contents) {
      out.write(c);
    }
    return new ByteArrayInputStream(out.toByteArray());
  }

  @Test
  void a_received_batch_takes_its_place_whole_and_is_in_the_manifest() throws Exception {
    byte[] gi = bytes("interface Gi0/1\n");
    byte[] acl = bytes("access-list 10 permit any\n");
    FileArea.Received r = area.receive(List.of(entry("templates/branch/gi.txt", gi), entry("templates/acl.txt", acl)),
        concat(gi, acl));
    assertEquals(List.of("templates/branch/gi.txt", "templates/acl.txt"), r.received());
    assertEquals(List.of(), r.replaced());
    assertArrayEquals(gi, Files.readAllBytes(dir.resolve("files/templates/branch/gi.txt")));
    assertArrayEquals(acl, Files.readAllBytes(dir.resolve("files/templates/acl.txt")));
    assertEquals(List.of(entry("templates/acl.txt", acl), entry("templates/branch/gi.txt", gi)),
        area.manifest(ChangeScope.whole(List.of(FileClass.TEMPLATES))).stream().sorted(java.util.Comparator.comparing(ManifestEntry::path)).toList());
    assertEquals(List.of(), area.manifest(ChangeScope.whole(List.of(FileClass.LICENSES))));
    byte[] changed = bytes("interface Gi0/2\n");
    assertEquals(List.of("templates/branch/gi.txt"),
        area.receive(List.of(entry("templates/branch/gi.txt", changed)), concat(changed)).replaced(),
        "a file of other content is replaced, and said so");
    assertEquals(sha(changed), new FileArea(dir.resolve("files"), 1000).manifest(ChangeScope.whole(List.of(FileClass.TEMPLATES))).stream()
        .filter(e -> e.path().endsWith("gi.txt")).findFirst().orElseThrow().sha256(), "the disk holds the new content");
  }

  @Test
  void a_file_whose_content_does_not_match_its_hash_is_refused_alone() throws Exception {
    byte[] old = bytes("old");
    area.write(SyncPath.of("settings/mail"), old);
    byte[] a = bytes("first");
    byte[] content = bytes("new content");
    byte[] c = bytes("third");
    FileArea.Received r = area.receive(List.of(entry("settings/a", a),
        new ManifestEntry("settings/mail", content.length, sha(old)), entry("settings/c", c)), concat(a, content, c));
    assertEquals(List.of("settings/a", "settings/c"), r.received());
    assertEquals(List.of("settings/mail"), List.copyOf(r.refused().keySet()));
    assertTrue(r.refused().get("settings/mail").contains("SHA-256"), r.refused().toString());
    assertArrayEquals(old, Files.readAllBytes(dir.resolve("files/settings/mail")));
    assertArrayEquals(c, Files.readAllBytes(dir.resolve("files/settings/c")), "the files after it still line up");
    assertEquals(0, incoming(), "no temporary file is left");
  }

  @Test
  void a_stream_that_runs_long_changes_nothing() throws Exception {
    byte[] content = bytes("new content");
    FileArea.Refused e = assertThrows(FileArea.Refused.class, () -> area.receive(
        List.of(new ManifestEntry("settings/mail", content.length - 1, sha(content))), concat(content)));
    assertTrue(e.getMessage().contains("more bytes"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("files/settings/mail")));
    assertEquals(0, incoming());
  }

  @Test
  void a_transfer_cut_in_the_middle_leaves_no_partial_file_and_applies_nothing_of_its_batch() throws Exception {
    byte[] first = bytes("whole");
    InputStream cut = new InputStream() {
      int sent;

      @Override
      public int read() throws IOException {
        if (sent < first.length) {
          return first[sent++];
        }
        if (sent++ < 100) {
          return 'x';
        }
        throw new IOException("connection reset");
      }
    };
    assertThrows(IOException.class, () -> area.receive(List.of(entry("tftp/readme", first),
        new ManifestEntry("tftp/ios.bin", 500, "00")), cut));
    assertFalse(Files.exists(dir.resolve("files/tftp/ios.bin")));
    assertFalse(Files.exists(dir.resolve("files/tftp/readme")), "the batch is taken whole or not at all");
    assertEquals(0, incoming());
    IOException early = assertThrows(IOException.class,
        () -> area.receive(List.of(new ManifestEntry("tftp/ios.bin", 500, "00")), concat(bytes("short"))));
    assertTrue(early.getMessage().contains("ended after 5 of 500 bytes"), early.getMessage());
  }

  @Test
  void a_file_of_several_buffers_arrives_whole_between_small_ones() throws Exception {
    FileArea roomy = new FileArea(dir.resolve("roomy"), 64L * 1024 * 1024);
    roomy.prepare();
    byte[] small = bytes("small");
    byte[] big = IncomingCopyTest.random(3 * IncomingCopy.BUFFER_BYTES + 12345);
    byte[] other = IncomingCopyTest.random(IncomingCopy.BUFFER_BYTES + 1);
    FileArea.Received r = roomy.receive(List.of(entry("tftp/a", small), entry("tftp/ios.bin", big),
        entry("tftp/b.bin", other), entry("tftp/c", small)), concat(small, big, other, small));
    assertEquals(List.of("tftp/a", "tftp/ios.bin", "tftp/b.bin", "tftp/c"), r.received());
    assertArrayEquals(big, Files.readAllBytes(dir.resolve("roomy/tftp/ios.bin")));
    assertArrayEquals(other, Files.readAllBytes(dir.resolve("roomy/tftp/b.bin")));
    assertArrayEquals(small, Files.readAllBytes(dir.resolve("roomy/tftp/c")), "the files after it still line up");
  }

  @Test
  void a_large_file_cut_in_the_middle_leaves_nothing() throws Exception {
    FileArea roomy = new FileArea(dir.resolve("roomy"), 64L * 1024 * 1024);
    roomy.prepare();
    byte[] big = IncomingCopyTest.random(4 * IncomingCopy.BUFFER_BYTES);
    InputStream cut = new java.io.FilterInputStream(new ByteArrayInputStream(big, 0, 2 * IncomingCopy.BUFFER_BYTES + 7)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          throw new IOException("connection reset");
        }
        return n;
      }
    };
    IOException e = assertThrows(IOException.class, () -> roomy.receive(List.of(entry("tftp/ios.bin", big)), cut));
    assertEquals("connection reset", e.getMessage());
    assertFalse(Files.exists(dir.resolve("roomy/tftp/ios.bin")));
    try (Stream<Path> left = Files.list(dir.resolve("roomy/.incoming"))) {
      assertEquals(0, left.count(), "the temporary file is removed");
    }
  }

  @Test
  void hashes_announced_after_the_content_are_checked_and_a_file_the_sender_saw_change_is_refused_alone()
      throws Exception {
    byte[] a = bytes("first");
    byte[] b = bytes("changed while sent");
    byte[] c = bytes("third");
    List<ManifestEntry> listed = List.of(new ManifestEntry("reports/a", a.length, null),
        new ManifestEntry("reports/b", b.length, null), new ManifestEntry("reports/c", c.length, null));
    byte[] trailer = bytes("TRAILER");
    List<String> readAfter = new ArrayList<>();
    FileArea.Received r = area.receive(listed, concat(a, b, c, trailer), afterContent -> {
      readAfter.add(new String(afterContent.readNBytes(trailer.length), StandardCharsets.UTF_8));
      return java.util.Arrays.asList(sha(a), null, sha(c));
    });
    assertEquals(List.of("TRAILER"), readAfter, "what follows the content is the announcement's to read");
    assertEquals(List.of("reports/a", "reports/c"), r.received());
    assertTrue(r.refused().get("reports/b").contains("changed on the sending server"), r.refused().toString());
    assertFalse(Files.exists(dir.resolve("files/reports/b")));
    assertEquals(sha(a), area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS))).stream()
        .filter(e -> e.path().equals("reports/a")).findFirst().orElseThrow().sha256());

    byte[] c2 = bytes("third, again");
    List<ManifestEntry> again = List.of(new ManifestEntry("reports/c", c2.length, null));
    FileArea.Refused wrongCount = assertThrows(FileArea.Refused.class,
        () -> area.receive(again, concat(c2), afterContent -> List.of(sha(c2), sha(c2))));
    assertTrue(wrongCount.getMessage().contains("2 hashes were announced for 1 files"), wrongCount.getMessage());
    FileArea.Refused badTrailer = assertThrows(FileArea.Refused.class, () -> area.receive(again, concat(c2),
        afterContent -> {
          throw new FileArea.Refused("trailer: not signed");
        }));
    assertEquals("trailer: not signed", badTrailer.getMessage());
    assertEquals("third", Files.readString(dir.resolve("files/reports/c")), "a refused announcement changes nothing");
    assertEquals(0, incoming(), "a refused announcement leaves no temporary file");
  }

  @Test
  void a_bad_list_is_refused_before_a_byte_is_read() {
    InputStream never = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read");
      }
    };
    FileArea.Refused big = assertThrows(FileArea.Refused.class,
        () -> area.receive(List.of(new ManifestEntry("licenses/big.lic", 1001, "00")), never));
    assertTrue(big.getMessage().contains("filesync.max.file.bytes"), big.getMessage());
    FileArea.Refused twice = assertThrows(FileArea.Refused.class, () -> area.receive(
        List.of(new ManifestEntry("reports/a", 1, "00"), new ManifestEntry("reports/a", 1, "00")), never));
    assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> area.receive(List.of(new ManifestEntry("reports/../../etc/passwd", 1, "00")), never));
  }

  @Test
  void many_small_files_arrive_in_one_batch() throws Exception {
    List<ManifestEntry> entries = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < 40; i++) {
      byte[] b = bytes("report " + i);
      entries.add(entry("reports/d" + (i % 4) + "/r" + i + ".csv", b));
      body.write(b);
    }
    FileArea.Received r = area.receive(entries, new ByteArrayInputStream(body.toByteArray()));
    assertEquals(40, r.received().size());
    assertEquals("report 39", Files.readString(dir.resolve("files/reports/d3/r39.csv")));
    assertEquals(0, incoming());
  }

  @Test
  void a_file_that_changed_after_it_was_listed_costs_only_itself() throws Exception {
    FileArea source = new FileArea(dir.resolve("source"), 1000);
    source.prepare();
    source.write(SyncPath.of("reports/a"), bytes("aaaa"));
    source.write(SyncPath.of("reports/b"), bytes("bbbbbbbb"));
    source.write(SyncPath.of("reports/c"), bytes("cccc"));
    List<ManifestEntry> listed = source.manifest(ChangeScope.whole(List.of(FileClass.REPORTS))).stream()
        .sorted(java.util.Comparator.comparing(ManifestEntry::path)).toList();
    Files.writeString(dir.resolve("source/reports/b"), "b");
    Files.delete(dir.resolve("source/reports/c"));
    try (BatchContent content = source.content(listed)) {
      FileArea.Received r = area.receive(listed, content);
      assertEquals(List.of("reports/a"), r.received());
      assertEquals(List.of("reports/b", "reports/c"), List.copyOf(r.refused().keySet()));
      assertTrue(content.problem().contains("reports/b"), content.problem());
    }
    assertEquals("aaaa", Files.readString(dir.resolve("files/reports/a")));
  }

  @Test
  void symbolic_links_are_neither_listed_nor_followed() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret"), "s");
    Files.createSymbolicLink(dir.resolve("files/reports/link"), outside);
    Files.createSymbolicLink(dir.resolve("files/reports/file-link"), outside.resolve("secret"));
    assertEquals(List.of(), area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS))));
    byte[] b = bytes("x");
    assertThrows(FileArea.Refused.class, () -> area.receive(List.of(entry("reports/link/secret", b)), concat(b)));
    assertThrows(FileArea.Refused.class, () -> area.receive(List.of(entry("reports/file-link", b)), concat(b)));
    assertThrows(FileArea.Refused.class, () -> area.delete(SyncPath.of("reports/link/secret")));
    assertEquals("s", Files.readString(outside.resolve("secret")));
  }

  @Test
  void a_batch_with_one_path_through_a_link_is_refused_whole_before_a_byte_is_read() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(dir.resolve("files/reports/link"), outside);
    byte[] b = bytes("x");
    InputStream never = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read");
      }
    };
    List<ManifestEntry> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(entry("reports/new/deeper/r" + i, b));
    }
    batch.add(entry("reports/link/deeper/r", b));
    assertThrows(FileArea.Refused.class, () -> area.receive(batch, never));
    assertFalse(Files.exists(dir.resolve("files/reports/new")));
    try (Stream<Path> s = Files.list(outside)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void many_new_files_are_hashed_as_they_are() throws Exception {
    List<ManifestEntry> expected = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      byte[] b = bytes("report " + i);
      Path f = dir.resolve("files/reports/d" + (i % 3) + "/r" + i);
      Files.createDirectories(f.getParent());
      Files.write(f, b);
      expected.add(entry("reports/d" + (i % 3) + "/r" + i, b));
    }
    java.util.Comparator<ManifestEntry> byPath = java.util.Comparator.comparing(ManifestEntry::path);
    expected.sort(byPath);
    assertEquals(expected, area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS))).stream().sorted(byPath).toList());
    Files.writeString(dir.resolve("files/reports/d0/r0"), "changed");
    assertEquals(sha(bytes("changed")), area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS))).stream()
        .filter(e -> e.path().equals("reports/d0/r0")).findFirst().orElseThrow().sha256(), "a changed file is hashed again");
  }

  @Test
  void a_restarted_server_trusts_the_hashes_it_saved_while_size_and_time_are_unchanged() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("files/reports"));
    Files.writeString(reports.resolve("kept"), "12345");
    Files.writeString(reports.resolve("touched"), "abcde");
    Files.writeString(reports.resolve("deleted"), "x");
    area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS)));
    area.saveHashes();

    // Same size and modification time, other content: only a hash read from the saved file says "12345".
    java.nio.file.attribute.FileTime kept = Files.getLastModifiedTime(reports.resolve("kept"));
    Files.writeString(reports.resolve("kept"), "54321");
    Files.setLastModifiedTime(reports.resolve("kept"), kept);
    Files.writeString(reports.resolve("touched"), "edcba");
    Files.setLastModifiedTime(reports.resolve("touched"), java.nio.file.attribute.FileTime.fromMillis(kept.toMillis() + 5000));
    Files.delete(reports.resolve("deleted"));
    FileArea restarted = new FileArea(dir.resolve("files"), 1000);
    restarted.prepare();

    assertEquals(List.of(entry("reports/kept", bytes("12345")), entry("reports/touched", bytes("edcba"))),
        restarted.manifest(ChangeScope.whole(List.of(FileClass.REPORTS))).stream()
            .sorted(java.util.Comparator.comparing(ManifestEntry::path)).toList(),
        "the saved hash where size and time match (not read again), a new one where the time moved");
    restarted.saveHashes();
    assertFalse(Files.readString(dir.resolve("files/.hashes")).contains("reports/deleted"),
        "a file the whole-class listing no longer finds is forgotten");
    assertTrue(Files.readString(dir.resolve("files/.hashes")).contains(sha(bytes("edcba")) + " reports/touched"));
  }

  @Test
  void a_lazy_manifest_hashes_only_what_it_compares_and_the_batch_hashes_the_rest_as_it_is_then() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("files/reports"));
    Files.writeString(reports.resolve("same-size"), "12345");
    Files.writeString(reports.resolve("new"), "fresh");
    Files.writeString(reports.resolve("gone-before-sending"), "x");
    List<ManifestEntry> listed = area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS)),
        (path, size) -> path.equals("reports/same-size")).stream()
        .sorted(java.util.Comparator.comparing(ManifestEntry::path)).toList();
    assertEquals(List.of(new ManifestEntry("reports/gone-before-sending", 1, null), new ManifestEntry("reports/new", 5, null),
        entry("reports/same-size", bytes("12345"))), listed, "only the compared file is hashed");

    Files.writeString(reports.resolve("new"), "fresher"); // changed after the listing
    Files.delete(reports.resolve("gone-before-sending"));
    assertEquals(List.of(entry("reports/new", bytes("fresher")), entry("reports/same-size", bytes("12345"))),
        area.hashed(listed), "hashed as the file is now, with its size now; a deleted file left out");
    assertEquals(entry("reports/new", bytes("fresher")), area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS)),
        (path, size) -> false).stream().filter(e -> e.path().equals("reports/new")).findFirst().orElseThrow(),
        "a hash read for a batch is known to the next listing");
  }

  @Test
  void a_deleted_file_leaves_the_manifest_and_a_new_start_clears_what_a_cut_left() throws Exception {
    area.write(SyncPath.of("reports/weekly.csv"), bytes("a,b"));
    assertTrue(area.delete(SyncPath.of("reports/weekly.csv")));
    assertFalse(area.delete(SyncPath.of("reports/weekly.csv")));
    assertEquals(List.of(), area.manifest(ChangeScope.whole(List.of(FileClass.REPORTS))));
    Files.writeString(dir.resolve("files/.incoming/left.part"), "half");
    area.prepare();
    assertEquals(0, incoming());
  }

  private long incoming() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("files/.incoming"))) {
      return s.count();
    }
  }

  @Test
  void a_file_whose_name_cannot_travel_is_left_out_of_the_manifest_and_told_once() throws Exception {
    Files.writeString(dir.resolve("files/templates/core-switch"), "hostname core");
    Files.writeString(dir.resolve("files/templates/branch\\edge"), "hostname edge");
    ChangeScope templates = ChangeScope.whole(List.of(FileClass.TEMPLATES));
    // Listed, a sender's batch and a receiver's deletions would both refuse it, every run.
    assertEquals(List.of("templates/core-switch"), area.manifest(templates).stream().map(ManifestEntry::path).toList());
    List<String> told = area.newlyLeftOut();
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).contains("backslash") && told.get(0).contains("templates/branch\\edge"), told.get(0));
    area.manifest(templates);
    assertEquals(List.of(), area.newlyLeftOut(), "told once");

    // Too long a path: the rule's words do not name it, so the event gives its start.
    Path deep = dir.resolve("files/templates");
    for (int i = 0; i < 9; i++) {
      deep = deep.resolve("folder-" + i + "-" + "x".repeat(110));
    }
    Files.createDirectories(deep);
    Files.writeString(deep.resolve("site.cfg"), "hostname deep");
    area.manifest(templates);
    told = area.newlyLeftOut();
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).contains("at most 1024 characters") && told.get(0).contains("starting templates/folder-0-"),
        told.get(0));
  }

  @Test
  void a_class_folder_that_is_a_symbolic_link_is_not_followed_and_told_once() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("tftpboot"));
    Files.writeString(elsewhere.resolve("image.bin"), "firmware");
    Files.delete(dir.resolve("files/tftp"));
    Files.createSymbolicLink(dir.resolve("files/tftp"), elsewhere);
    ChangeScope tftp = ChangeScope.whole(List.of(FileClass.TFTP));
    assertEquals(List.of(), area.manifest(tftp));
    List<String> told = area.newlyLeftOut();
    assertEquals(1, told.size(), told.toString());
    assertTrue(told.get(0).startsWith("tftp/ is a symbolic link"), told.get(0));
    area.manifest(tftp);
    assertEquals(List.of(), area.newlyLeftOut(), "told once");
  }

  @Test
  void a_file_replaces_a_folder_of_its_name_left_empty_by_the_deletions_but_not_one_that_holds_a_file() throws Exception {
    Files.createDirectories(dir.resolve("files/templates/site/old/older"));
    byte[] site = bytes("hostname site\n");
    area.receive(List.of(entry("templates/site", site)), concat(site));
    assertTrue(Files.isRegularFile(dir.resolve("files/templates/site")));
    assertArrayEquals(site, Files.readAllBytes(dir.resolve("files/templates/site")));

    Files.createDirectories(dir.resolve("files/reports/daily"));
    Files.writeString(dir.resolve("files/reports/daily/kept.xml"), "<kept/>");
    byte[] daily = bytes("<daily/>");
    FileArea.Received r = area.receive(List.of(entry("reports/daily", daily)), concat(daily));
    assertTrue(r.refused().get("reports/daily").contains("still holds kept.xml"), r.refused().toString());
    assertEquals("<kept/>", Files.readString(dir.resolve("files/reports/daily/kept.xml")), "nothing of it removed");
  }
}
