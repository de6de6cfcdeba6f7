package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hashes kept across a restart: read back as written, rewritten only after a change, and a damaged file costs only a rehash. */
class KnownHashesTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  @TempDir Path dir;

  private KnownHashes reloaded() {
    KnownHashes again = new KnownHashes(dir.resolve(".hashes"));
    again.load();
    return again;
  }

  @Test
  void what_is_saved_is_read_back_by_the_next_start_paths_with_spaces_included() throws Exception {
    KnownHashes hashes = new KnownHashes(dir.resolve(".hashes"));
    hashes.load(); // nothing saved yet
    hashes.put("tftp/image one.bin", new KnownHashes.Known(1_000_000, 1733300000123L, A));
    hashes.put("reports/r", new KnownHashes.Known(5, 7, B));
    hashes.put("reports/gone", new KnownHashes.Known(1, 1, B));
    hashes.remove("reports/gone");
    hashes.save();

    KnownHashes again = reloaded();
    assertEquals(new KnownHashes.Known(1_000_000, 1733300000123L, A), again.get("tftp/image one.bin"));
    assertEquals(new KnownHashes.Known(5, 7, B), again.get("reports/r"));
    assertNull(again.get("reports/gone"));
    assertFalse(Files.exists(dir.resolve(".hashes.next")), "the temporary file is renamed into place");
  }

  @Test
  void nothing_is_written_when_nothing_changed() throws Exception {
    KnownHashes hashes = new KnownHashes(dir.resolve(".hashes"));
    hashes.put("reports/r", new KnownHashes.Known(5, 7, A));
    assertTrue(hashes.save());
    Files.delete(dir.resolve(".hashes"));

    hashes.put("reports/r", new KnownHashes.Known(5, 7, A)); // the same again
    assertFalse(hashes.save());
    assertFalse(Files.exists(dir.resolve(".hashes")), "no change, no write");

    hashes.forget(path -> path.startsWith("reports/"));
    assertTrue(hashes.save());
    assertEquals(1, Files.readAllLines(dir.resolve(".hashes")).size(), "a forgotten path is a change: only the header is left");
  }

  @Test
  void a_damaged_or_foreign_file_is_a_rehash_not_a_failure() throws Exception {
    Files.writeString(dir.resolve(".hashes"), "ncs-ha file hashes 1\n"
        + "5 7 " + A + " reports/good\n"
        + "x 7 " + A + " reports/bad-size\n"
        + "5 7 " + A.toUpperCase() + " reports/bad-hash\n"
        + "5 7 " + A + "\n"
        + "5 7 " + A.substring(1) + " reports/short-hash\n");
    KnownHashes read = reloaded();
    assertEquals(new KnownHashes.Known(5, 7, A), read.get("reports/good"));
    assertNull(read.get("reports/bad-size"));
    assertNull(read.get("reports/bad-hash"));
    assertNull(read.get("reports/short-hash"));

    Files.writeString(dir.resolve(".hashes"), "some other file\n5 7 " + A + " reports/good\n");
    assertNull(reloaded().get("reports/good"), "another format: nothing of it is trusted");
  }

  @Test
  void a_path_with_a_line_break_is_not_kept() throws Exception {
    KnownHashes hashes = new KnownHashes(dir.resolve(".hashes"));
    hashes.put("reports/two\nlines", new KnownHashes.Known(5, 7, A));
    hashes.put("reports/r", new KnownHashes.Known(5, 7, B));
    hashes.save();

    KnownHashes again = reloaded();
    assertNull(again.get("reports/two\nlines"));
    assertNull(again.get("reports/two"));
    assertEquals(new KnownHashes.Known(5, 7, B), again.get("reports/r"));
  }
}
