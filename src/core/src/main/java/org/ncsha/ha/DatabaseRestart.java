package org.ncsha.ha;

/** How a restart of this server's database (RESTART_DATABASE) ended. */
public enum DatabaseRestart {
  /** The database runs and answers again. */
  STARTED,
  /** It did not come back (pg_ctl failed, or it did not answer afterwards). */
  FAILED,
  /**
   * It did not run: a copy or a rewind had taken the database down on purpose meanwhile, which
   * is maintenance, not a failure.
   */
  TAKEN
}
