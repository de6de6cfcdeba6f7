package org.ncsha.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The node-local store: this server's HA configuration, the HA event log and the readiness
 * runs. Never replicated (docs/architecture.md, "Why H2"); {@link JpaHaStore} keeps it, and the
 * runner's unit tests use a fake of their own.
 */
public interface HaStore {
  /** How long readiness runs are kept for the trend graphs. */
  Duration READINESS_KEPT = Duration.ofDays(31);

  /** A detached copy of the configuration row ("HA Not Configured" before anything was stored). */
  HaConfigRecord config();

  /** Changes the configuration row in one transaction and returns it. */
  HaConfigRecord updateConfig(Consumer<HaConfigRecord> change);

  void recordEvent(Instant time, String state, String description);

  /** Newest first, as the guide's Events tables show them. */
  List<HaEventRecord> events(int first, int max);

  long eventCount();

  /** Keeps a run; runs older than {@link #READINESS_KEPT} are dropped so the history stays bounded. */
  void recordReadiness(List<ReadinessResultRecord> results);

  /** The checks of the newest run of a set, in the order they ran. */
  List<ReadinessResultRecord> latestReadiness(String checkSet);

  /** Every check of a set between two times, oldest first: the trend graphs' data. */
  List<ReadinessResultRecord> readinessHistory(String checkSet, Instant from, Instant to);
}
