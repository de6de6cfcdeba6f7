package org.ncsha.filesync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileClassTest {
  @Test
  void the_guides_schedules_hold_the_classes_docs_file_sync_lists() {
    assertEquals(Duration.ofSeconds(11), FileClass.Schedule.NEAR_REAL_TIME.interval());
    assertEquals(Duration.ofSeconds(500), FileClass.Schedule.BATCH.interval());
    assertEquals(List.of(FileClass.REPORTS, FileClass.TEMPLATES, FileClass.TFTP, FileClass.SETTINGS),
        FileClass.Schedule.NEAR_REAL_TIME.classes());
    assertEquals(List.of(FileClass.LICENSES), FileClass.Schedule.BATCH.classes(), "the guide: licence files travel in batch");
    assertEquals(FileClass.TFTP, FileClass.ofFolder("tftp").orElseThrow());
  }
}
