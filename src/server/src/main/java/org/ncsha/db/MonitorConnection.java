package org.ncsha.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The Health Monitor's own connection to its local database, kept open between checks. A health
 * check that has to open a connection competes with every client for {@code max_connections}; one
 * that is already connected does not, so no client load can make a healthy database look down.
 * One query at a time. Every query and every connection's start has the loop's budget
 * ({@link #budgetFor}). A query the server cancels for outlasting its statement timeout leaves the
 * session as it was, so it is kept: under load a new session may find every connection taken. Any
 * other failure closes it, and the next use connects again.
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

  private final Duration budget;
  private Connection connection;

  /** @param budget how long one query (or the connection's start) may take: {@link #budgetFor} */
  public MonitorConnection(Duration budget) {
    this.budget = budget;
  }

  /**
   * How long the loop may wait for its database. The peer counts an answer from a loop that has
   * made no progress for longer than a heartbeat plus the peer timeout as missed heartbeats (its
   * age over the heartbeat); waiting longer for a frozen or stalled database would have the peer
   * fail over from a primary that has not stepped down. Half that age, so that two waits in one
   * cycle (a prompt cycle's second look) still cost no miss; between 4 s (a busy database is not a
   * failed one) and the driver's usual 10 s. A query that outlasts it is a failed health query,
   * the restart rule's to judge.
   */
  public static Duration budgetFor(Duration heartbeat, Duration peerTimeout) {
    Duration half = heartbeat.plus(peerTimeout).dividedBy(2);
    Duration floor = Duration.ofSeconds(4);
    Duration ceiling = Duration.ofSeconds(10);
    return half.compareTo(floor) < 0 ? floor : half.compareTo(ceiling) > 0 ? ceiling : half;
  }

  /** The budget in whole seconds, as the driver's {@code socketTimeout} takes it. */
  int budgetSeconds() {
    return (int) Math.max(1, budget.toSeconds());
  }

  /**
   * The driver's settings that enforce the budget. A slow server cancels the query itself a second
   * before the budget ({@code statement_timeout}), in time for its answer to arrive and the session
   * to be kept; the socket timeout is for a server too frozen to cancel anything, and ends the
   * session (its answer may still be on the way).
   */
  public Properties connectionProperties() {
    Properties p = new Properties();
    p.setProperty("socketTimeout", Integer.toString(budgetSeconds()));
    // The start of a connection too: a frozen server accepts the TCP connection, then says nothing.
    p.setProperty("loginTimeout", Integer.toString(budgetSeconds()));
    p.setProperty("options", "-c statement_timeout=" + statementTimeoutMillis());
    return p;
  }

  long statementTimeoutMillis() {
    return Math.max(1000, budgetSeconds() * 1000L - 1000);
  }

  public synchronized <T> T use(Opener opener, Work<T> work) throws SQLException {
    boolean kept = connection != null && !connection.isClosed();
    if (!kept) {
      connection = opener.open();
    }
    try {
      return work.on(connection);
    } catch (SQLException e) {
      if (cancelledByServer(e)) {
        throw e;
      }
      close();
      // Not after a timeout: the database is slow or frozen, and a second wait would double the
      // loop's stall the budget bounds.
      if (kept && lostConnection(e) && !timedOut(e)) {
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

  /** The server cancelled the query (its statement timeout): the session stays usable. */
  static boolean cancelledByServer(SQLException e) {
    return "57014".equals(e.getSQLState());
  }

  /** The query outlasted the budget (the driver's socket timeout), whatever the SQL state says. */
  static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
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
