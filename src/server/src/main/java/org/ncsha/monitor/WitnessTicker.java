package org.ncsha.monitor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;

/**
 * The witness's own timers, apart from the heartbeat: one for the calls to etcd, one for the
 * fence check, so that neither a slow heartbeat nor a slow etcd ever delays a fence.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class WitnessTicker {
  private static final Logger LOG = Logger.getLogger(WitnessTicker.class.getName());
  private static final String LEASE = "witness-lease";
  private static final String GUARD = "witness-guard";

  @Resource TimerService timers;
  @Inject NodeSettings node;
  @Inject WitnessLink witness;

  @PostConstruct
  void start() {
    if (node.witnessConfigured()) {
      long every = witness.interval().toMillis();
      timers.createIntervalTimer(every, every, new TimerConfig(LEASE, false));
      long guard = witness.guardInterval().toMillis();
      timers.createIntervalTimer(guard, guard, new TimerConfig(GUARD, false));
    }
  }

  @Timeout
  void tick(jakarta.ejb.Timer timer) {
    try {
      if (GUARD.equals(timer.getInfo())) {
        witness.guard();
      } else {
        witness.step();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Witness round failed", e);
    }
  }
}
