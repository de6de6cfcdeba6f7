package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.filesync.ChangeScope;

class FolderWatchTest {
  @TempDir Path dir;
  private FolderWatch watch;

  @AfterEach
  void stop() {
    if (watch != null) {
      watch.stop();
    }
  }

  /** Whatever changes under reports/archive, the run compares that entry only. */
  private static final ChangeScope ARCHIVE = new ChangeScope(Set.of(), Set.of("reports/archive"));

  @Test
  void a_tree_moved_in_is_watched_down_to_its_last_folder() throws Exception {
    FileArea area = new FileArea(dir.resolve("files"), 1000);
    area.prepare();
    BlockingQueue<ChangeScope> changes = new LinkedBlockingQueue<>();
    watch = new FolderWatch(area.root(), changes::add);
    watch.start();
    // A folder of files only (no subfolder) below one with subfolders, as a save of many reports makes.
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("2026/december"));
    for (int i = 0; i < 20; i++) {
      Files.writeString(tree.resolve("2026/december/report-" + i + ".xml"), "report " + i);
    }
    Files.move(tree, area.root().resolve("reports/archive"), StandardCopyOption.ATOMIC_MOVE);
    assertEquals(ARCHIVE, changes.poll(10, TimeUnit.SECONDS), "the move is one change, of one entry");

    Files.writeString(area.root().resolve("reports/archive/2026/december/report-20.xml"), "report 20");
    assertEquals(ARCHIVE, changes.poll(10, TimeUnit.SECONDS), "a file saved in the last folder");

    Files.createDirectories(area.root().resolve("reports/archive/2026/december/late"));
    assertEquals(ARCHIVE, changes.poll(10, TimeUnit.SECONDS), "a folder made in a folder of files");
    Files.writeString(area.root().resolve("reports/archive/2026/december/late/report.xml"), "late");
    assertEquals(ARCHIVE, changes.poll(10, TimeUnit.SECONDS), "and a file saved in it");

    Files.writeString(area.root().resolve("templates/core-switch"), "hostname core");
    assertEquals(new ChangeScope(Set.of(), Set.of("templates/core-switch")), changes.poll(10, TimeUnit.SECONDS),
        "a file saved directly in a class folder is its own entry");
  }
}
