package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ncsha.ha.DatabaseRestart;

/** The restart of a failed database never runs under a copy or a rewind, nor they under it. */
class DatabaseOwnerTest {
  @Test
  void a_restart_does_not_run_while_a_copy_has_the_database() throws Exception {
    DatabaseOwner owner = new DatabaseOwner();
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch copied = new CountDownLatch(1);
    Thread copy = new Thread(() -> {
      owner.take();
      taken.countDown();
      try {
        copied.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        owner.release();
      }
    });
    copy.start();
    assertTrue(taken.await(10, TimeUnit.SECONDS));
    AtomicBoolean ran = new AtomicBoolean();
    assertTrue(owner.taken());
    assertEquals(DatabaseRestart.TAKEN, owner.restartUnlessTaken(() -> ran.getAndSet(true)));
    assertFalse(ran.get(), "the restart did not run");
    copied.countDown();
    copy.join(10_000);
    assertFalse(owner.taken());
    assertEquals(DatabaseRestart.STARTED, owner.restartUnlessTaken(() -> !ran.getAndSet(true)));
    assertEquals(DatabaseRestart.FAILED, owner.restartUnlessTaken(() -> false));
  }

  @Test
  void a_copy_waits_for_a_restart_in_progress() throws Exception {
    DatabaseOwner owner = new DatabaseOwner();
    CountDownLatch restarting = new CountDownLatch(1);
    CountDownLatch finishRestart = new CountDownLatch(1);
    AtomicBoolean restartDone = new AtomicBoolean();
    AtomicBoolean copySawRestartDone = new AtomicBoolean();
    Thread health = new Thread(() -> owner.restartUnlessTaken(() -> {
      restarting.countDown();
      try {
        finishRestart.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      restartDone.set(true);
      return true;
    }));
    health.start();
    assertTrue(restarting.await(10, TimeUnit.SECONDS));
    Thread copy = new Thread(() -> {
      owner.take();
      copySawRestartDone.set(restartDone.get());
      owner.release();
    });
    copy.start();
    copy.join(200);
    assertTrue(copy.isAlive(), "the copy waits while the restart runs");
    finishRestart.countDown();
    copy.join(10_000);
    health.join(10_000);
    assertTrue(copySawRestartDone.get(), "the copy took the database only after the restart had finished");
  }
}
