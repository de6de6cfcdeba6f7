package org.ncsha.filesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassDigestsTest {
  private static final ManifestEntry A = new ManifestEntry("reports/a", 3, "aa");
  private static final ManifestEntry B = new ManifestEntry("reports/sub/b", 5, "bb");
  private static final ManifestEntry T = new ManifestEntry("templates/t", 1, "tt");

  @Test
  void a_class_whose_files_match_in_any_order_is_unchanged_and_left_out_of_the_comparison() {
    Map<String, String> sent = ClassDigests.of(List.of(A, B, T), List.of(FileClass.REPORTS, FileClass.TEMPLATES));
    assertEquals(Set.of("reports", "templates"), sent.keySet());
    Set<String> same = ClassDigests.unchanged(sent, List.of(T, B, A));
    assertEquals(Set.of("reports", "templates"), same);
    assertEquals(List.of(), ClassDigests.without(List.of(A, B, T), same));
  }

  @Test
  void any_difference_of_path_size_or_hash_or_a_missing_or_extra_file_makes_the_class_compared_file_by_file() {
    Map<String, String> sent = ClassDigests.of(List.of(A, B, T), List.of(FileClass.REPORTS));
    for (List<ManifestEntry> there : List.of(
        List.of(A, new ManifestEntry("reports/sub/b", 5, "bc")),
        List.of(A, new ManifestEntry("reports/sub/b", 6, "bb")),
        List.of(A, new ManifestEntry("reports/sub/c", 5, "bb")),
        List.of(A),
        List.of(A, B, new ManifestEntry("reports/c", 0, "cc")))) {
      assertEquals(Set.of(), ClassDigests.unchanged(sent, there), there.toString());
    }
    assertEquals(List.of(A, B), ClassDigests.without(List.of(A, B, T), Set.of("templates")));
  }

  @Test
  void a_class_with_a_file_not_hashed_yet_has_no_digest_and_an_empty_class_has_one() {
    Map<String, String> sent = ClassDigests.of(List.of(A, new ManifestEntry("reports/new", 9, null)),
        List.of(FileClass.REPORTS, FileClass.LICENSES));
    assertFalse(sent.containsKey("reports"));
    assertEquals(Set.of("licenses"), ClassDigests.unchanged(sent, List.of(A)));
    assertNotEquals(ClassDigests.digest(List.of()), ClassDigests.digest(List.of(A)));
  }

  @Test
  void a_digest_for_a_folder_that_is_no_class_is_never_unchanged() {
    assertEquals(Set.of(), ClassDigests.unchanged(Map.of("elsewhere", ClassDigests.digest(List.of())), List.of()));
  }
}
