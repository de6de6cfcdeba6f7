package org.ncsha.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiskThresholdsTest {
  private static final long MB = 1024 * 1024;

  @Test
  void enoughSpaceByBothMeasuresIsNotLow() {
    assertNull(new DiskThresholds(10, 2048).lowSpace("/data", 50_000 * MB, 100_000 * MB));
  }

  @Test
  void lowByPercentOrByMegabytesIsReportedWithTheFigures() {
    String byPercent = new DiskThresholds(10, 2048).lowSpace("/data", 9_000 * MB, 100_000 * MB);
    assertEquals("Disk space is low on /data: 9000 MB free (9.0 %), below the threshold of 10 % or 2048 MB", byPercent);
    String byMegabytes = new DiskThresholds(10, 2048).lowSpace("/data", 1_000 * MB, 4_000 * MB);
    assertTrue(byMegabytes.contains("1000 MB free (25.0 %)"), byMegabytes);
  }

  @Test
  void thresholdsOutOfRangeNameTheSetting() {
    assertEquals("disk.low.percent: must be between 0 and 100, was 120",
        assertThrows(IllegalArgumentException.class, () -> new DiskThresholds(120, 1)).getMessage());
    assertEquals("disk.low.mb: must be 0 or more, was -1",
        assertThrows(IllegalArgumentException.class, () -> new DiskThresholds(5, -1)).getMessage());
  }
}
