package org.ncsha.filesync;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The guide's classes of synchronized configuration files ("File and Database
 * Synchronization"), each a folder of the node's file area, and how often each travels. The
 * guide names the classes and the two schedules and places only licence files (batch); the
 * others change while operators work, so they travel near-real-time (docs/file-sync.md).
 */
public enum FileClass {
  REPORTS("reports", Schedule.NEAR_REAL_TIME),
  TEMPLATES("templates", Schedule.NEAR_REAL_TIME),
  TFTP("tftp", Schedule.NEAR_REAL_TIME),
  SETTINGS("settings", Schedule.NEAR_REAL_TIME),
  LICENSES("licenses", Schedule.BATCH);

  /** The guide's two schedules: a rescan every 11 s and every 500 s (the watch sends sooner). */
  public enum Schedule {
    NEAR_REAL_TIME(Duration.ofSeconds(11)),
    BATCH(Duration.ofSeconds(500));

    private final Duration interval;

    Schedule(Duration interval) {
      this.interval = interval;
    }

    public Duration interval() {
      return interval;
    }

    public List<FileClass> classes() {
      return Arrays.stream(FileClass.values()).filter(c -> c.schedule == this).toList();
    }
  }

  private final String folder;
  private final Schedule schedule;

  FileClass(String folder, Schedule schedule) {
    this.folder = folder;
    this.schedule = schedule;
  }

  public String folder() {
    return folder;
  }

  public Schedule schedule() {
    return schedule;
  }

  public static Optional<FileClass> ofFolder(String folder) {
    return Arrays.stream(values()).filter(c -> c.folder.equals(folder)).findFirst();
  }
}
