package org.ncsha.registration;

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
 * The Health Monitor page's Check Failover Readiness, on a schedule
 * ({@code readiness.interval.minutes}, default 10; 0 turns it off). It runs only while HA is
 * configured; the first run comes one interval after start, when the pair has settled.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class ReadinessSchedule {
  private static final Logger LOG = Logger.getLogger(ReadinessSchedule.class.getName());

  @Resource TimerService timers;
  @Inject NodeSettings node;
  @Inject ReadinessRunner runner;

  @PostConstruct
  void start() {
    long every = node.readinessInterval().toMillis();
    if (every > 0) {
      timers.createIntervalTimer(every, every, new TimerConfig("readiness", false));
    }
  }

  @Timeout
  void run() {
    try {
      runner.failover();
    } catch (RuntimeException e) {
      // A failed run must not cancel the timer.
      LOG.log(Level.WARNING, "The scheduled readiness run failed", e);
    }
  }
}
