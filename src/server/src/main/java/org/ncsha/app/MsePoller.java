package org.ncsha.app;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;

/**
 * The admin server's look at its MSEs every 5 seconds (the MSE Health Monitors' own heartbeat),
 * on the server that serves writes only: the passive one's database is a read-only standby, and
 * after a failover the new active server goes on looking.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The looks call the MSEs: outside any transaction; each row's change commits on its own.
@jakarta.ejb.TransactionManagement(jakarta.ejb.TransactionManagementType.BEAN)
public class MsePoller {
  private static final Logger LOG = Logger.getLogger(MsePoller.class.getName());

  @Inject NodeSettings node;
  @Inject ServingRole serving;
  @Inject MseDirectory directory;

  private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean();

  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  void look() {
    if (node.isMse() || !serving.writable() || !running.compareAndSet(false, true)) {
      return;
    }
    try {
      directory.lookAtAll();
    } catch (RuntimeException e) {
      // The next look tries again; one failed look must not end the schedule.
      LOG.log(Level.WARNING, "A look at the MSEs failed: " + e.getMessage(), e);
    } finally {
      running.set(false);
    }
  }
}
