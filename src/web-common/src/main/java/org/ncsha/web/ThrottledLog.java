package org.ncsha.web;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * A warning that strangers can cause at will (a refused signature, a rate limit) is logged at
 * most once per interval, with how many were left out, so the log cannot be flooded through it.
 */
public final class ThrottledLog {
  private final Duration interval;
  private Instant lastLogged = Instant.EPOCH;
  private long suppressed;

  public ThrottledLog(Duration interval) {
    this.interval = interval;
  }

  public void note(Logger log, String message) {
    String line = lineFor(message, Instant.now());
    if (line != null) {
      log.warning(line);
    }
  }

  /** The line to log now, or null while it is suppressed. */
  synchronized String lineFor(String message, Instant now) {
    if (now.isBefore(lastLogged.plus(interval))) {
      suppressed++;
      return null;
    }
    String line = suppressed == 0 ? message : message + " (and " + suppressed + " more like it since the last such line)";
    lastLogged = now;
    suppressed = 0;
    return line;
  }
}
