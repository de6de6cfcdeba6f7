package org.ncsha.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data directory files that decide whether a crash leaves a standby or a primary. */
class PostgresFilesTest {
  private Path root;
  private PostgresFiles files;
  private PostgresConfig config;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createTempDirectory("ncs-files");
    config = new PostgresConfig(Path.of("/usr/lib/postgresql/15/bin"), root.resolve("pgdata"), root.resolve("run"),
        root.resolve("log"), "10.0.0.2", 5432, "ncs", "pw", "replicator", "rpw", null, 2048, "apw", "mpw");
    files = new PostgresFiles(config);
  }

  @AfterEach
  void tearDown() {
    files.deleteTree(root);
  }

  @Test
  void aCopyGetsItsStandbySettingsBeforeTheSwapAndAnInterruptedSwapIsFinishedAtStart() throws Exception {
    Files.createDirectories(config.dataDir());
    Files.writeString(config.dataDir().resolve("PG_VERSION"), "15\n");
    Files.writeString(config.dataDir().resolve("old-primary-marker"), "x");
    Path fresh = files.freshDataDir();
    Files.writeString(fresh.resolve("PG_VERSION"), "15\n");
    files.writeStandbySettings(fresh, "10.0.0.1", "ncs_ha_secondary");
    assertTrue(Files.exists(fresh.resolve("standby.signal")), "the copy is a standby before it is swapped in");
    assertTrue(Files.readString(fresh.resolve("postgresql.auto.conf")).contains("host=10.0.0.1"));

    // The crash: the old directory was moved away, the copy not yet moved in.
    Files.move(config.dataDir(), root.resolve("pgdata.old"));
    files.prepareDirectories(); // what a start does first: an empty data directory appears
    assertFalse(files.initialized());
    files.finishInterruptedSwap();
    assertTrue(files.initialized(), "the complete copy is in place, no empty cluster is created");
    assertTrue(files.standbyConfigured(), "and it starts as a standby");
    assertFalse(Files.exists(config.dataDir().resolve("old-primary-marker")));
  }

  @Test
  void aForkIsKeptOnceHoweverOftenItsRewindIsTriedAndACopyCutShortIsNotTheKeptOne() throws Exception {
    String label = "fork-0-3000028";
    assertTrue(files.keptForkCopy(label).isEmpty(), "no forks folder yet");
    Path kept = files.forkCopyPath(label);
    Path partial = kept.resolveSibling(label + ".partial");
    Files.createDirectories(partial.resolve("base"));
    assertTrue(files.keptForkCopy(label).isEmpty(), "a copy cut short is not a kept one");
    files.completeForkCopy(partial, kept);
    assertFalse(Files.exists(partial));
    assertEquals(kept, files.keptForkCopy(label).orElseThrow());
    assertTrue(files.keptForkCopy("fork-0-4000000").isEmpty(), "another fork point is another copy");
  }

  @Test
  void anIncompleteCopyIsNeverSwappedIn() throws Exception {
    Path fresh = files.freshDataDir();
    Files.writeString(fresh.resolve("PG_VERSION"), "15\n"); // pg_basebackup died: no standby settings yet
    Files.createDirectories(config.dataDir());
    files.finishInterruptedSwap();
    assertFalse(files.initialized());
    assertTrue(Files.exists(fresh.resolve("PG_VERSION")));
  }

  @Test
  void aHeldDatabaseStartsReadOnlyAndItsMarkLivesOutsideTheDataDirectory() throws Exception {
    files.prepareDirectories();
    Files.writeString(config.dataDir().resolve("PG_VERSION"), "15\n");
    assertFalse(files.held());
    files.markHeld();
    files.writeReadOnlyDefault();
    files.writeReadOnlyDefault(); // once only
    assertTrue(files.held());
    String auto = Files.readString(config.dataDir().resolve("postgresql.auto.conf"));
    assertEquals(1, auto.split("default_transaction_read_only", -1).length - 1, auto);
    try (var listing = Files.list(config.dataDir())) {
      assertEquals(0, listing.filter(p -> p.getFileName().toString().contains("held")).count(),
          "a copy or rewind of this directory never carries the mark");
    }
    files.clearHeld();
    assertFalse(files.held());
  }
}
