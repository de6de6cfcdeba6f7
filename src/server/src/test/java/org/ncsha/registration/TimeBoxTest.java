package org.ncsha.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TimeBoxTest {
  @Test
  void a_part_that_finishes_in_time_gives_its_result() {
    assertEquals("measured", TimeBox.call("disk", Duration.ofSeconds(5), () -> "measured", why -> why));
  }

  @Test
  void a_part_that_hangs_is_given_up_after_its_budget_with_timed_out() {
    CountDownLatch never = new CountDownLatch(1);
    long start = System.nanoTime();
    String result = TimeBox.call("the other server's answer", Duration.ofMillis(300), () -> {
      never.await();
      return "unreachable";
    }, why -> why);
    assertEquals("the other server's answer timed out after 0.3 s", result);
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "it did not wait for the hanging part");
  }

  @Test
  void a_part_that_fails_gives_its_reason() {
    assertEquals("connection refused", TimeBox.call("link", Duration.ofSeconds(5), () -> {
      throw new java.io.IOException("connection refused");
    }, why -> why));
  }
}
