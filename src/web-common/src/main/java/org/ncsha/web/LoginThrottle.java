package org.ncsha.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per source address: after {@link #FAILURES_PER_LOCKOUT} failures that
 * address is locked out, for {@link #FIRST_LOCKOUT} and twice as long each time it starts again
 * (at most {@link #LONGEST_LOCKOUT}). One stranger's guesses lock out only that stranger, never
 * root at another address. A success clears the address's record. At most {@code maxSources}
 * addresses are remembered, the least recently seen forgotten first. Time is passed in.
 */
final class LoginThrottle {
  static final int FAILURES_PER_LOCKOUT = 5;
  static final Duration FIRST_LOCKOUT = Duration.ofSeconds(30);
  static final Duration LONGEST_LOCKOUT = Duration.ofMinutes(15);

  private static final class Record {
    int failures;
    int lockouts;
    Instant lockedUntil = Instant.EPOCH;
  }

  private final Map<String, Record> records;

  LoginThrottle(int maxSources) {
    this.records = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
        return size() > maxSources;
      }
    };
  }

  /** Until when {@code source} may not try, if it is locked out now. */
  synchronized Optional<Instant> lockedUntil(String source, Instant now) {
    Record r = records.get(source);
    return r != null && now.isBefore(r.lockedUntil) ? Optional.of(r.lockedUntil) : Optional.empty();
  }

  /** Counts a failure; returns the end of the lockout it started, if it started one. */
  synchronized Optional<Instant> failed(String source, Instant now) {
    Record r = records.computeIfAbsent(source, s -> new Record());
    r.failures++;
    if (r.failures < FAILURES_PER_LOCKOUT) {
      return Optional.empty();
    }
    r.failures = 0;
    Duration lockout = FIRST_LOCKOUT.multipliedBy(1L << Math.min(r.lockouts, 20));
    r.lockouts++;
    r.lockedUntil = now.plus(lockout.compareTo(LONGEST_LOCKOUT) > 0 ? LONGEST_LOCKOUT : lockout);
    return Optional.of(r.lockedUntil);
  }

  synchronized void succeeded(String source) {
    records.remove(source);
  }
}
