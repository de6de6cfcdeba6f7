package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class LogLevelTest {
  @Test
  void theGuidesThreeLevelsMapToLogLevels() {
    assertEquals(Level.SEVERE, LogLevel.fromDisplayName("Error").julLevel());
    assertEquals(Level.INFO, LogLevel.fromDisplayName(" informational ").julLevel());
    assertEquals(Level.FINEST, LogLevel.fromDisplayName("TRACE").julLevel());
  }

  @Test
  void anUnknownLevelNamesTheFieldAndTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogLevel.fromDisplayName("Debug"));
    assertEquals("level: must be one of Error, Informational, Trace, was 'Debug'", e.getMessage());
  }
}
