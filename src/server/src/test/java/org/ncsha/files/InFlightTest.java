package org.ncsha.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightTest {
  private static void await(CountDownLatch latch) throws InterruptedException {
    assertTrue(latch.await(10, TimeUnit.SECONDS), "released");
  }

  @Test
  void at_most_the_limit_runs_and_results_come_back_in_the_order_started() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    try (InFlight<String> inFlight = new InFlight<>(2, "test")) {
      assertEquals(List.of(), inFlight.start(() -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        await(first);
        running.decrementAndGet();
        return "first";
      }));
      assertEquals(List.of(), inFlight.start(() -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        await(second);
        running.decrementAndGet();
        return "second";
      }));
      first.countDown();
      assertEquals(List.of("first"), inFlight.start(() -> {
        most.accumulateAndGet(running.incrementAndGet(), Math::max);
        running.decrementAndGet();
        return "third";
      }), "a third waits for the oldest");
      second.countDown();
      assertEquals(List.of("second", "third"), inFlight.finish());
    }
    assertTrue(most.get() <= 2, "at most two at a time, was " + most.get());
  }

  @Test
  void with_a_limit_of_one_the_work_runs_on_the_callers_thread() throws Exception {
    try (InFlight<Thread> inFlight = new InFlight<>(1, "test")) {
      assertEquals(List.of(Thread.currentThread()), inFlight.start(Thread::currentThread));
      assertEquals(List.of(), inFlight.finish());
    }
  }

  @Test
  void a_failure_is_thrown_as_it_was_and_closing_waits_for_the_rest() throws Exception {
    IOException cut = new IOException("cut");
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean otherEnded = new AtomicBoolean();
    InFlight<String> inFlight = new InFlight<>(2, "test");
    inFlight.start(() -> {
      throw cut;
    });
    inFlight.start(() -> {
      await(release);
      otherEnded.set(true);
      return "other";
    });
    assertSame(cut, assertThrows(IOException.class, inFlight::finish));
    release.countDown();
    inFlight.close();
    assertTrue(otherEnded.get(), "nothing of a run outlives it");
  }
}
