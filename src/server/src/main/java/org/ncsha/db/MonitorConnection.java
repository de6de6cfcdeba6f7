package org.ncsha.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The Health Monitor's own connection to its local database, kept open between checks. A health
 * check that has to open a connection competes with every client for {@code max_connections}; one
 * that is already connected does not, so no client load can make a healthy database look down.
 * One query at a time; a failed query closes it, and the next use connects again.
 */
public final class MonitorConnection implements AutoCloseable {
  /** Opens a connection. */
  @FunctionalInterface
  public interface Opener {
    Connection open() throws SQLException;
  }

  /** Work done on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    T on(Connection c) throws SQLException;
  }

  private Connection connection;

  public synchronized <T> T use(Opener opener, Work<T> work) throws SQLException {
    boolean kept = connection != null && !connection.isClosed();
    if (!kept) {
      connection = opener.open();
    }
    try {
      return work.on(connection);
    } catch (SQLException e) {
      close();
      if (kept && lostConnection(e)) {
        // The server was restarted since the last check (a copy, a rewind, a restart): that
        // ended this session, not the database. Ask once more on a new connection.
        connection = opener.open();
        try {
          return work.on(connection);
        } catch (SQLException | RuntimeException again) {
          close();
          throw again;
        }
      }
      throw e;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Connection exceptions (class 08) and the server's shutdown or termination of the session (57P0x). */
  static boolean lostConnection(SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P0"));
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Already broken: nothing to release.
      }
      connection = null;
    }
  }
}
