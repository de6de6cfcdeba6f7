package org.ncsha.ha;

/**
 * What the runner saw of this server's database in one tick: facts only, which {@link
 * DatabaseRestartRule} judges. {@code maintenance}: a copy or a rewind has it down on purpose
 * (then nothing else is looked at); {@code restartRunning}: a restart (RESTART_DATABASE) has not
 * finished yet; {@code restartEnded}: how the last restart ended, when it ended since the last
 * check (null: none did); {@code answered}: the database answered this tick's health query,
 * which is asked only when none of the above keeps it down anyway (false when not asked).
 */
public record DatabaseCheck(boolean maintenance, boolean restartRunning, DatabaseRestart restartEnded, boolean answered) {

  /** A copy or a rewind has the database. */
  public static final DatabaseCheck MAINTENANCE = new DatabaseCheck(true, false, null, false);

  /** A restart is still running. */
  public static final DatabaseCheck RESTART_RUNNING = new DatabaseCheck(false, true, null, false);

  public DatabaseCheck {
    if (restartRunning && restartEnded != null) {
      throw new IllegalArgumentException("a restart cannot both run and have ended: " + restartEnded);
    }
  }

  /** The health query's answer, with no restart to report. */
  public static DatabaseCheck query(boolean answered) {
    return new DatabaseCheck(false, false, null, answered);
  }

  /** A restart ended since the last check; {@code answered}: the health query asked after it. */
  public static DatabaseCheck afterRestart(DatabaseRestart ended, boolean answered) {
    return new DatabaseCheck(false, false, java.util.Objects.requireNonNull(ended, "ended"), answered);
  }
}
