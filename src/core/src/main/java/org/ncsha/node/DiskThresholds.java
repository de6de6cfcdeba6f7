package org.ncsha.node;

/**
 * When the node's data volume counts as low on space: less than {@code lowPercent} % free, or
 * less than {@code lowMegabytes} MB free (node.properties {@code disk.low.percent}, default 10,
 * and {@code disk.low.mb}, default 2048). PostgreSQL stops when its volume is full, and a
 * standby needs room for a full copy, so the Health Monitor warns well before that.
 */
public record DiskThresholds(int lowPercent, long lowMegabytes) {
  public DiskThresholds {
    if (lowPercent < 0 || lowPercent > 100) {
      throw new IllegalArgumentException("disk.low.percent: must be between 0 and 100, was " + lowPercent);
    }
    if (lowMegabytes < 0) {
      throw new IllegalArgumentException("disk.low.mb: must be 0 or more, was " + lowMegabytes);
    }
  }

  /** Null when there is enough space; otherwise a sentence for the event and the log. */
  public String lowSpace(String volume, long usableBytes, long totalBytes) {
    long freeMb = usableBytes / (1024 * 1024);
    double freePercent = totalBytes == 0 ? 0 : 100.0 * usableBytes / totalBytes;
    if (freePercent >= lowPercent && freeMb >= lowMegabytes) {
      return null;
    }
    return String.format(java.util.Locale.ROOT,
        "Disk space is low on %s: %d MB free (%.1f %%), below the threshold of %d %% or %d MB", volume, freeMb,
        freePercent, lowPercent, lowMegabytes);
  }
}
