package org.ncsha.db;

/**
 * One health check of the local database: could it be reached with a query, is it a standby,
 * and where its WAL is (write position on a primary, replay position on a standby).
 */
public record DatabaseHealth(boolean reachable, boolean inRecovery, String walPosition, String error) {
  public static DatabaseHealth down(String error) {
    return new DatabaseHealth(false, false, null, error);
  }
}
