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

/** The witness's own timer: apart from the heartbeat, so a slow heartbeat never delays a fence. */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class WitnessTicker {
  private static final Logger LOG = Logger.getLogger(WitnessTicker.class.getName());

  @Resource TimerService timers;
  @Inject NodeSettings node;
  @Inject WitnessLink witness;

  @PostConstruct
  void start() {
    if (node.witnessConfigured()) {
      long every = witness.interval().toMillis();
      timers.createIntervalTimer(every, every, new TimerConfig("witness", false));
    }
  }

  @Timeout
  void tick() {
    try {
      witness.step();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Witness round failed", e);
    }
  }
}
