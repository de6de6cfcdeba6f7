package org.ncsha.filesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestDiffTest {
  private static ManifestEntry e(String path, long size, String hash) {
    return new ManifestEntry(path, size, hash);
  }

  @Test
  void new_and_changed_files_are_sent_and_files_the_source_lacks_are_deleted() {
    ManifestDiff d = ManifestDiff.between(
        List.of(e("templates/a", 1, "aa"), e("templates/b", 2, "bb"), e("reports/c", 3, "cc")),
        List.of(e("templates/a", 1, "aa"), e("templates/b", 2, "b0"), e("tftp/old", 4, "dd")));
    assertEquals(List.of(e("reports/c", 3, "cc"), e("templates/b", 2, "bb")), d.send());
    assertEquals(List.of("tftp/old"), d.delete());
    assertEquals(3, d.pending());
  }

  @Test
  void equal_areas_need_nothing() {
    List<ManifestEntry> same = List.of(e("templates/a", 1, "aa"), e("licenses/l", 9, "ff"));
    assertTrue(ManifestDiff.between(same, same).isEmpty());
    assertTrue(ManifestDiff.between(List.of(), List.of()).isEmpty());
  }

  @Test
  void a_file_changed_by_hand_on_the_receiver_is_sent_again_even_with_the_same_size() {
    ManifestDiff d = ManifestDiff.between(List.of(e("settings/mail", 10, "11")), List.of(e("settings/mail", 10, "22")));
    assertEquals(List.of(e("settings/mail", 10, "11")), d.send());
    assertEquals(List.of(), d.delete());
  }

  @Test
  void an_empty_source_empties_the_receiver() {
    ManifestDiff d = ManifestDiff.between(List.of(), List.of(e("templates/z", 1, "a"), e("templates/y", 1, "b")));
    assertEquals(List.of("templates/y", "templates/z"), d.delete());
  }
}
