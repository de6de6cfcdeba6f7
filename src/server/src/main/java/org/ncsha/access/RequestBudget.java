package org.ncsha.access;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * What one source address may ask of this server, whatever the port: 20 requests a second,
 * bursts of 200. One budget for all three web modules (each has its own filter), so spreading a
 * flood over the ports buys nothing.
 */
@ApplicationScoped
public class RequestBudget {
  public static final int PER_SECOND = 20;
  public static final int BURST = 200;

  private final SourceRateLimiter limiter = new SourceRateLimiter(PER_SECOND, BURST, 10_000);

  public boolean allow(String source, Instant now) {
    return limiter.allow(source, now);
  }
}
