package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.filesync.ChangeScope;
import org.ncsha.filesync.FileClass;

class FolderWatchTest {
  @TempDir Path dir;
  private FolderWatch watch;

  @AfterEach
  void stop() {
    if (watch != null) {
      watch.stop();
    }
  }

  private static final ChangeScope WHOLE = ChangeScope.whole(EnumSet.allOf(FileClass.class));

  /** Whatever changes under reports/archive, the run compares that entry only. */
  private static final ChangeScope ARCHIVE = new ChangeScope(Set.of(), Set.of("reports/archive"));

  @Test
  void a_tree_moved_in_is_watched_down_to_its_last_folder() throws Exception {
    FileArea area = new FileArea(dir.resolve("files"), 1000);
    area.prepare();
    BlockingQueue<ChangeScope> changes = new LinkedBlockingQueue<>();
    watch = new FolderWatch(area.root(), (scope, why) -> changes.add(scope));
    watch.follow(true);
    watch.start();
    assertEquals(WHOLE, changes.poll(10, TimeUnit.SECONDS), "what changed before the watch began is sent whole");
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

  @Test
  void watches_only_while_the_server_sends() throws Exception {
    FileArea area = new FileArea(dir.resolve("files"), 1000);
    area.prepare();
    BlockingQueue<ChangeScope> changes = new LinkedBlockingQueue<>();
    List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
    watch = new FolderWatch(area.root(), (scope, why) -> {
      reasons.add(why);
      changes.add(scope);
    });
    watch.start();
    Files.writeString(area.root().resolve("templates/received"), "sent by the active server");
    // Before any run told the role, and told passive: three looks of the watch see nothing.
    assertNull(changes.poll(1500, TimeUnit.MILLISECONDS), "no role told yet: nothing watched");
    watch.follow(false);
    assertNull(changes.poll(1500, TimeUnit.MILLISECONDS), "a passive server's files are not watched");

    watch.follow(true);
    assertEquals(WHOLE, changes.poll(10, TimeUnit.SECONDS), "on becoming the source, the whole area once");
    Files.writeString(area.root().resolve("templates/saved"), "saved here");
    assertEquals(new ChangeScope(Set.of(), Set.of("templates/saved")), changes.poll(10, TimeUnit.SECONDS),
        "then each change");
    // The log's reason for each run: the first compares every file, which is not a change.
    assertEquals(List.of("watch began", "changed"), reasons);

    watch.follow(false);
    // Saves go on until one is not handed over: the watch ended at its next look at the role.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean seen = true;
    for (int i = 0; seen && System.nanoTime() < deadline; i++) {
      Files.writeString(area.root().resolve("templates/after-" + i), "saved after");
      seen = changes.poll(1500, TimeUnit.MILLISECONDS) != null;
    }
    assertFalse(seen, "a server that no longer sends stops watching");
    Files.writeString(area.root().resolve("templates/late"), "late");
    assertNull(changes.poll(2500, TimeUnit.MILLISECONDS), "and stays stopped");
  }
}
