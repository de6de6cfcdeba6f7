package org.ncsha.filesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransferBatchesTest {
  private static List<ManifestEntry> files(long... sizes) {
    List<ManifestEntry> files = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      files.add(new ManifestEntry("reports/f" + i, sizes[i], "h" + i));
    }
    return files;
  }

  private static List<Integer> sizes(List<List<ManifestEntry>> batches) {
    return batches.stream().map(List::size).toList();
  }

  @Test
  void small_files_share_a_request_up_to_the_file_count() {
    assertEquals(List.of(3, 3, 1), sizes(TransferBatches.split(files(1, 1, 1, 1, 1, 1, 1), 3, 1000)));
  }

  @Test
  void a_batch_ends_before_the_file_that_would_pass_the_byte_limit() {
    assertEquals(List.of(2, 2), sizes(TransferBatches.split(files(40, 50, 30, 60), 10, 100)));
  }

  @Test
  void a_file_larger_than_the_byte_limit_travels_alone() {
    List<List<ManifestEntry>> batches = TransferBatches.split(files(10, 500, 10), 10, 100);
    assertEquals(List.of(1, 1, 1), sizes(batches));
    assertEquals(500, batches.get(1).get(0).size());
  }

  @Test
  void order_is_kept_and_nothing_is_lost() {
    List<ManifestEntry> all = files(5, 7, 90, 3, 200, 1, 1);
    List<ManifestEntry> again = TransferBatches.split(all, 2, 100).stream().flatMap(List::stream).toList();
    assertEquals(all, again);
  }

  @Test
  void nothing_to_send_is_no_batch() {
    assertTrue(TransferBatches.split(List.of()).isEmpty());
  }

  @Test
  void limits_must_be_positive() {
    assertThrows(IllegalArgumentException.class, () -> TransferBatches.split(files(1), 0, 10));
    assertThrows(IllegalArgumentException.class, () -> TransferBatches.split(files(1), 1, 0));
  }
}
