package org.ncsha.db;

/** A database operation or tool that failed; the message names the tool, exit code and its stderr. */
public class DatabaseException extends RuntimeException {
  public DatabaseException(String message) {
    super(message);
  }

  public DatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
