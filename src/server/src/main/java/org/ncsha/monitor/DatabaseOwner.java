package org.ncsha.monitor;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.ncsha.ha.DatabaseRestart;

/**
 * Who may stop and start this node's database right now. A copy or a rewind takes it from its
 * stop to its start; the Health Monitor's restart of a failed database runs only while nobody
 * has taken it, so it can never start the old data directory under a copy that is about to
 * replace it (the copy would move the directory away from a running server).
 */
public final class DatabaseOwner {
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean taken;

  /** For a copy or a rewind; waits for a restart in progress to finish first. */
  void take() {
    lock.lock();
    taken = true;
  }

  void release() {
    taken = false;
    lock.unlock();
  }

  /** A copy or a rewind has the database down on purpose. */
  boolean taken() {
    return taken;
  }

  /** Runs the restart unless a copy or a rewind has the database; then it does not run at all. */
  DatabaseRestart restartUnlessTaken(BooleanSupplier restart) {
    if (!lock.tryLock()) {
      return DatabaseRestart.TAKEN;
    }
    try {
      return restart.getAsBoolean() ? DatabaseRestart.STARTED : DatabaseRestart.FAILED;
    } finally {
      lock.unlock();
    }
  }
}
