package org.ncsha.software;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Looks, a while after a restart into an update was asked of systemd, whether anything took the
 * request: the ncs-ha-update path unit takes it at once (its service removes the file before it
 * restarts ncs-ha). Without the unit (not installed, not enabled) nothing would ever restart the
 * server, and "ncs-ha restarts now" would silently come to nothing.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RestartRequestWatch {
  /** systemd acts on a path unit's file within a second; a minute leaves room for a loaded machine. */
  static final Duration TAKEN_WITHIN = Duration.ofMinutes(1);

  @Resource TimerService timers;
  @Inject UpdateInstaller installer;

  /** Has {@link UpdateInstaller#restartNotTaken} look at the request after {@link #TAKEN_WITHIN}. */
  public void watch(String patchId) {
    timers.createSingleActionTimer(TAKEN_WITHIN.toMillis(), new TimerConfig(patchId, false));
  }

  @Timeout
  void look(Timer timer) {
    installer.restartNotTaken((String) timer.getInfo());
  }
}
