package org.ncsha.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NewPrimaryTest {
  private static final long SIXTEEN_MB = 16L * 1024 * 1024;

  @Test
  void a_position_and_the_file_that_holds_it_have_the_same_segment_number() {
    // pg_walfile_name('16/B374D848') on timeline 2 is 0000000200000016000000B3.
    assertEquals(NewPrimary.segmentOfFile("0000000200000016000000B3", SIXTEEN_MB), NewPrimary.segmentOf("16/B374D848", SIXTEEN_MB));
    assertEquals(0x16L * 256 + 0xB3, NewPrimary.segmentOf("16/B374D848", SIXTEEN_MB));
    assertEquals(0, NewPrimary.segmentOf("0/0", SIXTEEN_MB));
    assertEquals(1, NewPrimary.segmentOf("0/1000000", SIXTEEN_MB));
  }

  @Test
  void a_larger_segment_size_packs_fewer_segments_per_high_word() {
    long sixtyFourMb = 64L * 1024 * 1024;
    assertEquals(NewPrimary.segmentOfFile("000000010000000100000030", sixtyFourMb), NewPrimary.segmentOf("1/C0000000", sixtyFourMb));
  }

  @Test
  void only_segment_files_count() {
    assertTrue(NewPrimary.isSegmentFile("000000010000000000000003"));
    assertFalse(NewPrimary.isSegmentFile("00000002.history"));
    assertFalse(NewPrimary.isSegmentFile("000000010000000000000003.partial"));
  }
}
