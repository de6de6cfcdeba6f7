package org.ncsha.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VersionTest {
  private static Version v(String s) {
    return Version.parse("version", s);
  }

  @Test
  void numbers_compare_as_numbers_and_missing_ones_are_zero() {
    assertTrue(v("0.10.0").compareTo(v("0.9.9")) > 0);
    assertEquals(0, v("1.2").compareTo(v("1.2.0")));
    assertTrue(v("1.2.0.1").compareTo(v("1.2")) > 0);
  }

  @Test
  void a_qualified_version_comes_before_the_release() {
    assertTrue(v("0.2.0-SNAPSHOT").compareTo(v("0.2.0")) < 0);
    assertTrue(v("0.2.0-SNAPSHOT").compareTo(v("0.1.9")) > 0);
    assertEquals("0.2.0-SNAPSHOT", v("0.2.0-SNAPSHOT").toString());
  }

  @Test
  void a_bad_version_names_the_field_and_the_rule() {
    for (String bad : new String[] {"", "1..2", "1.2.3.4.5", "v1", "1.2-", "1.2-a b", "1234567"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Version.parse("applies.from", bad), bad);
      assertTrue(e.getMessage().startsWith("applies.from: must be 1 to 4 dot-separated numbers"), e.getMessage());
    }
  }
}
