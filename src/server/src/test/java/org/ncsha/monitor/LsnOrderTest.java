package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LsnOrderTest {
  @Test
  void orders_by_the_high_word_first_then_the_low_word() {
    assertTrue(LocalDatabase.compareLsn("1/0", "0/FFFFFFFF") > 0);
    assertTrue(LocalDatabase.compareLsn("0/3000060", "0/3000148") < 0);
    assertEquals(0, LocalDatabase.compareLsn("A/1B", "a/1b"));
  }
}
