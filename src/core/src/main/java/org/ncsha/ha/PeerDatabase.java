package org.ncsha.ha;

/**
 * What this server could see of the peer's PostgreSQL directly (not through its Health
 * Monitor): the proof Remove HA needs when the peer's Health Monitor does not answer.
 */
public enum PeerDatabase {
  /** Not looked at. */
  NOT_CHECKED("not checked"),
  /** It answered and is in recovery: a standby, it takes no writes. */
  IN_RECOVERY("in recovery (a standby)"),
  /** Its host refused the connection: the database is not running. */
  DOWN("not running (connection refused)"),
  /** It answered and accepts writes: it took over. */
  WRITABLE("accepting writes"),
  /** No answer at all (host down, or the link cut): nothing can be proved. */
  UNREACHABLE("unreachable");

  private final String description;

  PeerDatabase(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** Whether this proves the peer's database takes no writes now. */
  public boolean provesNotWritable() {
    return this == IN_RECOVERY || this == DOWN;
  }
}
