package org.ncsha.db;

import java.util.logging.Logger;

/**
 * The moments in a copy and a rewind where a crash used to leave a data directory that opens
 * read-write. Tests kill the JVM at one of them: started with the environment variable
 * {@code NCS_HA_TEST_CRASH_POINT} naming it, the Health Monitor logs that it reached the point and
 * waits there (at most ten minutes) to be killed. Production never sets the variable (neither
 * the launcher nor the service unit passes it), and then {@link #reach()} returns at once.
 */
public enum CrashPoint {
  AFTER_COPY_BEFORE_SWAP,
  AFTER_COPY_SWAP,
  AFTER_REWIND;

  static final String VARIABLE = "NCS_HA_TEST_CRASH_POINT";
  private static final Logger LOG = Logger.getLogger("org.ncsha.db");
  private static final long WAIT_MILLIS = 600_000;

  void reach() {
    if (!name().equals(System.getenv(VARIABLE))) {
      return;
    }
    LOG.severe("Crash point " + name() + " reached (" + VARIABLE + "): waiting to be killed");
    try {
      Thread.sleep(WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
