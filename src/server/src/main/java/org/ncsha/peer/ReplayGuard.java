package org.ncsha.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the nonces of accepted peer requests for as long as their timestamps are valid, so
 * a captured request cannot be played again. Bounded: beyond its capacity the oldest go first
 * (heartbeats every 5 s make about 50 a window; the bound only matters under attack).
 */
public final class ReplayGuard {
  static final int CAPACITY = 100_000;

  private final Duration window;
  private final Map<String, Instant> seen = new LinkedHashMap<>();

  public ReplayGuard(Duration window) {
    this.window = window;
  }

  /** True the first time a nonce is offered within the window; false for a replay. */
  public synchronized boolean firstUse(String nonce, Instant now) {
    if (nonce == null || nonce.isBlank() || nonce.length() > 64) {
      return false;
    }
    Instant cutoff = now.minus(window.multipliedBy(2));
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Instant> e = it.next();
      if (e.getValue().isAfter(cutoff) && seen.size() <= CAPACITY) {
        break;
      }
      it.remove();
    }
    return seen.putIfAbsent(nonce, now) == null;
  }
}
