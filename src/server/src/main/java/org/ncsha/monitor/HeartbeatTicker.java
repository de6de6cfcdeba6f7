package org.ncsha.monitor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;

/**
 * Ticks the Health Monitor loop: an EJB interval timer at the heartbeat interval (default 5 s),
 * plus an immediate tick when a command or an action outcome arrives. Concurrency is the
 * engine's business ({@link HaEngine#runCycle}: a heartbeat asks the peer outside its lock), so
 * a nudge never waits behind a heartbeat that waits for the peer.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// No container transaction around a cycle or an action: each store write and each database
// statement commits on its own, so the peer sees a change as soon as it is made.
@TransactionManagement(TransactionManagementType.BEAN)
public class HeartbeatTicker {
  private static final Logger LOG = Logger.getLogger(HeartbeatTicker.class.getName());
  private static final String HEARTBEAT = "heartbeat";

  @Resource TimerService timers;
  @Inject HaEngine engine;
  @Inject NodeSettings node;
  @Inject LocalDatabase database;
  @Inject org.ncsha.store.HaStore store;
  @Inject AddressWatch addresses;

  @PostConstruct
  void start() {
    store.recordEvent(java.time.Instant.now(), "Health Monitor Available", "Health Monitor Started");
    database.bringUp(engine.status().state().haConfigured());
    addresses.checkOwn(engine.status().state());
    timers.createIntervalTimer(0, node.heartbeatInterval().toMillis(), new TimerConfig(HEARTBEAT, false));
    LOG.info("Health Monitor started on " + node.address() + ": heartbeat every "
        + node.heartbeatInterval().toMillis() + " ms, failure after " + node.heartbeatMissLimit() + " misses");
  }

  @Timeout
  void tick(Timer timer) {
    try {
      engine.runCycle(HEARTBEAT.equals(timer.getInfo()));
    } catch (RuntimeException e) {
      // A failed cycle must not cancel the timer: the next tick tries again.
      LOG.log(Level.SEVERE, "Health Monitor cycle failed", e);
    }
  }

  /** Runs a cycle as soon as possible instead of waiting for the next heartbeat. */
  public void nudge() {
    timers.createSingleActionTimer(0, new TimerConfig("nudge", false));
  }
}
