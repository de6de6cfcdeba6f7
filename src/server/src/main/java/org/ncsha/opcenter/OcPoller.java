package org.ncsha.opcenter;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.app.ServingRole;

/**
 * The Operations Center's look at its managed instances every 10 seconds, on the server that
 * serves writes only (the passive one's database is a read-only standby); after a failover the
 * new active server goes on looking, with the same list. Both servers read the activation and
 * the list each time, for the readiness probe ({@link OperationsCenter#snapshot}).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// The looks call the instances: outside any transaction; each row's change commits on its own.
@jakarta.ejb.TransactionManagement(jakarta.ejb.TransactionManagementType.BEAN)
public class OcPoller {
  private static final Logger LOG = Logger.getLogger(OcPoller.class.getName());

  @Inject ServingRole serving;
  @Inject OperationsCenter center;

  private final AtomicBoolean running = new AtomicBoolean();

  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  void look() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    try {
      try {
        center.refresh();
      } catch (RuntimeException e) {
        // This server's database may be down or being copied (a passive server's often is): the
        // snapshot keeps what it last read, and the next tick reads again.
        LOG.fine("Operations Center: could not read the activation: " + e.getMessage());
      }
      if (serving.writable() && center.snapshot().activated()) {
        center.lookAtAll();
      }
    } catch (RuntimeException e) {
      // The next look tries again; one failed look must not end the schedule.
      LOG.log(Level.WARNING, "A look at the managed instances failed: " + e.getMessage(), e);
    } finally {
      running.set(false);
    }
  }
}
