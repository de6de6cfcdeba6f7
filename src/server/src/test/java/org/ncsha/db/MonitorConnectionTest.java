package org.ncsha.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The loop's wait for its database: short enough that the peer never counts it as a lost primary. */
class MonitorConnectionTest {

  @Test
  void twoWaitsOfTheBudgetStayUnderTheLoopAgeThePeerCountsAsAMiss() {
    Duration heartbeat = Duration.ofSeconds(5);
    Duration peerTimeout = Duration.ofSeconds(3);
    Duration budget = MonitorConnection.budgetFor(heartbeat, peerTimeout);
    assertEquals(Duration.ofSeconds(4), budget, "the defaults");
    // PeerContact counts an answer as missed heartbeats only when the loop's age exceeds this.
    assertTrue(budget.multipliedBy(2).compareTo(heartbeat.plus(peerTimeout)) <= 0);
    assertEquals(Duration.ofSeconds(10), MonitorConnection.budgetFor(Duration.ofSeconds(30), peerTimeout),
        "never longer than the driver's usual 10 s");
    assertEquals(Duration.ofSeconds(4), MonitorConnection.budgetFor(Duration.ofSeconds(1), peerTimeout),
        "never shorter than 4 s: a busy database is not a failed one");
    assertEquals(Duration.ofSeconds(6), MonitorConnection.budgetFor(Duration.ofSeconds(9), peerTimeout));
    assertEquals(4, new MonitorConnection(budget).budgetSeconds());
  }

  @Test
  void theServerCancelsASlowQueryBeforeTheSocketTimeoutWould() {
    var defaults = new MonitorConnection(Duration.ofSeconds(4)).connectionProperties();
    assertEquals("4", defaults.getProperty("socketTimeout"));
    assertEquals("4", defaults.getProperty("loginTimeout"));
    assertEquals("-c statement_timeout=3000", defaults.getProperty("options"));
    assertEquals("-c statement_timeout=9000",
        new MonitorConnection(Duration.ofSeconds(10)).connectionProperties().getProperty("options"));
    assertTrue(MonitorConnection.cancelledByServer(
        new SQLException("ERROR: canceling statement due to statement timeout", "57014")));
    assertFalse(MonitorConnection.cancelledByServer(new SQLException("An I/O error occurred", "08006",
        new SocketTimeoutException("Read timed out"))));
  }

  @Test
  void aTimeoutIsToldFromAServerThatEndedTheSession() {
    SQLException timeout = new SQLException("An I/O error occurred while sending to the backend.", "08006",
        new SocketTimeoutException("Read timed out"));
    assertTrue(MonitorConnection.timedOut(timeout));
    assertTrue(MonitorConnection.lostConnection(timeout), "the driver calls it a lost connection too");
    SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
    assertFalse(MonitorConnection.timedOut(terminated));
  }
}
