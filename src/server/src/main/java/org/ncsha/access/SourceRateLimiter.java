package org.ncsha.access;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source address: {@code perSecond} requests a second on average, bursts up
 * to {@code burst} (a page load fetches a few dozen resources at once). It remembers at most
 * {@code maxSources} addresses, forgetting the least recently seen, so a spoofed-source flood
 * cannot grow it without bound. Time is passed in, so it is tested without waiting.
 */
final class SourceRateLimiter {
  private final double perSecond;
  private final double burst;
  private final int maxSources;
  private final Map<String, Bucket> buckets;

  private static final class Bucket {
    double tokens;
    Instant refilled;

    Bucket(double tokens, Instant refilled) {
      this.tokens = tokens;
      this.refilled = refilled;
    }
  }

  SourceRateLimiter(double perSecond, int burst, int maxSources) {
    if (perSecond <= 0 || burst < 1 || maxSources < 1) {
      throw new IllegalArgumentException("perSecond > 0, burst >= 1 and maxSources >= 1 are required");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxSources = maxSources;
    this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
        return size() > SourceRateLimiter.this.maxSources;
      }
    };
  }

  /** Whether one more request from {@code source} at {@code now} is within its rate. */
  synchronized boolean allow(String source, Instant now) {
    Bucket b = buckets.computeIfAbsent(source, s -> new Bucket(burst, now));
    double elapsed = Math.max(0, Duration.between(b.refilled, now).toNanos() / 1e9);
    b.tokens = Math.min(burst, b.tokens + elapsed * perSecond);
    b.refilled = now;
    if (b.tokens < 1) {
      return false;
    }
    b.tokens -= 1;
    return true;
  }

  synchronized int sources() {
    return buckets.size();
  }
}
