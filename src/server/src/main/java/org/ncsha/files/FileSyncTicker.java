package org.ncsha.files;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.filesync.FileClass;

/**
 * When files travel: the guide's two EJB interval timers (near-real-time every 11 s, batch every
 * 500 s), each a full rescan of its classes, and a watch on the folders that sends a change
 * within a moment of its making. The timers are the safety net: a change the watch missed
 * (an overflow, a folder made between two looks) goes with the next tick.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// No container transaction around a run: a large file takes longer than its timeout, and the
// store's events commit on their own.
@jakarta.ejb.TransactionManagement(jakarta.ejb.TransactionManagementType.BEAN)
public class FileSyncTicker {
  private static final Logger LOG = Logger.getLogger(FileSyncTicker.class.getName());

  /** The timer that tells the watch the role between runs: a second after it changes, not at the next run. */
  private static final String FOLLOW_ROLE = "follow-role";
  private static final long FOLLOW_ROLE_MILLIS = 1000;
  private static final long HASHES_SAVED_EVERY_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

  /** A run asked for now: by the watch, or by the Health Monitor (SYNC_FILES). */
  record Run(org.ncsha.filesync.ChangeScope scope, String why) implements java.io.Serializable {}

  @Resource TimerService timers;
  @Resource jakarta.ejb.SessionContext context;
  @Inject FileSync sync;

  private FolderWatch watch;
  /** When the hashes were last written (System.nanoTime); the first run that changed them writes them. */
  private final java.util.concurrent.atomic.AtomicLong hashesSavedAt =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - HASHES_SAVED_EVERY_NANOS);

  @PostConstruct
  void start() {
    for (FileClass.Schedule s : FileClass.Schedule.values()) {
      timers.createIntervalTimer(s.interval().toMillis(), s.interval().toMillis(), new TimerConfig(s, false));
    }
    // From the first run's time on, as the runs did (asked earlier, the role would create the
    // Health Monitor's beans ahead of the container's order): a server that has just become the
    // sender (a registration completed, a failover) watches within a second, so a change made
    // then goes at once rather than with the next run.
    long first = FileClass.Schedule.NEAR_REAL_TIME.interval().toMillis();
    timers.createIntervalTimer(first, FOLLOW_ROLE_MILLIS, new TimerConfig(FOLLOW_ROLE, false));
    // The watch's thread only asks: every run happens on a timer's thread, where the container
    // gives it what the store and the mail need.
    FileSyncTicker self = context.getBusinessObject(FileSyncTicker.class);
    watch = new FolderWatch(sync.area().root(), self::runSoon);
    watch.start();
    LOG.info("File sync: " + sync.area().root() + ", near-real-time every "
        + FileClass.Schedule.NEAR_REAL_TIME.interval().toSeconds() + " s and batch every "
        + FileClass.Schedule.BATCH.interval().toSeconds() + " s, changes sent as they are seen");
  }

  @PreDestroy
  void stop() {
    if (watch != null) {
      watch.stop();
    }
    saveHashes(true);
  }

  /**
   * After a timer's run at most once a minute (a save writes every path's line; a crash loses
   * only the hashes of the files changed since, which a restart reads again), and at the stop.
   */
  private void saveHashes(boolean now) {
    long at = System.nanoTime();
    if (!now && at - hashesSavedAt.get() < HASHES_SAVED_EVERY_NANOS) {
      return;
    }
    try {
      if (sync.area().saveHashes()) {
        hashesSavedAt.set(at);
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warning("File sync: cannot save the files' hashes (" + e + "): a restart hashes the changed files again");
    }
  }

  /** Runs file sync for this scope as soon as possible, on a timer's thread. */
  public void runSoon(org.ncsha.filesync.ChangeScope scope, String why) {
    timers.createSingleActionTimer(0, new TimerConfig(new Run(scope, why), false));
  }

  /** The Health Monitor asks for a complete run as a failback begins (ActionRunner's SYNC_FILES). */
  public void onCompleteRunRequested(@jakarta.enterprise.event.Observes org.ncsha.peer.FileSyncLedger.CompleteRunRequested request) {
    runSoon(org.ncsha.filesync.ChangeScope.whole(java.util.EnumSet.allOf(FileClass.class)), request.why());
  }

  @Timeout
  void tick(Timer timer) {
    try {
      // Told here, on the container's thread once the application runs: the watch follows the role.
      watch.follow(sync.sends());
      if (FOLLOW_ROLE.equals(timer.getInfo())) {
        return;
      }
      if (timer.getInfo() instanceof Run run) {
        sync.synchronize(run.scope(), run.why());
      } else {
        FileClass.Schedule schedule = (FileClass.Schedule) timer.getInfo();
        sync.synchronize(org.ncsha.filesync.ChangeScope.whole(sync.classesFor(schedule)),
            schedule == FileClass.Schedule.BATCH ? "batch" : "near-real-time");
        saveHashes(false);
      }
    } catch (RuntimeException e) {
      // A failed run must not cancel the timer: the next tick tries again.
      LOG.log(Level.WARNING, "File sync run failed", e);
    }
  }
}
