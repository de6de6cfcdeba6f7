package org.ncsha.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.ncsha.ha.HaState;

/**
 * The node-local store in memory, for unit tests: the configuration row, and the events as
 * "state: description"; {@code failing} makes every write throw, as a full disk would.
 */
public final class InMemoryHaStore implements HaStore {
  public final HaConfigRecord row = new HaConfigRecord();
  public final List<String> events = new ArrayList<>();
  public boolean failing;

  public InMemoryHaStore() {
    row.setState(HaState.HA_NOT_CONFIGURED.displayName());
    row.setStateSince(Instant.EPOCH);
  }

  @Override
  public HaConfigRecord config() {
    return row;
  }

  @Override
  public HaConfigRecord updateConfig(Consumer<HaConfigRecord> change) {
    if (failing) {
      throw new IllegalStateException("No space left on device");
    }
    change.accept(row);
    return row;
  }

  @Override
  public void recordEvent(Instant time, String state, String description) {
    if (failing) {
      throw new IllegalStateException("No space left on device");
    }
    events.add(state + ": " + description);
  }

  @Override
  public List<HaEventRecord> events(int first, int max) {
    return List.of();
  }

  @Override
  public long eventCount() {
    return events.size();
  }

  @Override
  public void recordReadiness(List<ReadinessResultRecord> results) {}

  @Override
  public List<ReadinessResultRecord> latestReadiness(String checkSet) {
    return List.of();
  }

  @Override
  public List<ReadinessResultRecord> readinessHistory(String checkSet, Instant from, Instant to) {
    return List.of();
  }
}
