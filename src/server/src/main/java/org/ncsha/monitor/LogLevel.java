package org.ncsha.monitor;

import java.util.Arrays;
import java.util.logging.Level;
import java.util.stream.Collectors;

/** The Health Monitor page's Message Level choices and the log levels they stand for. */
public enum LogLevel {
  ERROR("Error", Level.SEVERE),
  INFORMATIONAL("Informational", Level.INFO),
  TRACE("Trace", Level.FINEST);

  private final String displayName;
  private final Level level;

  LogLevel(String displayName, Level level) {
    this.displayName = displayName;
    this.level = level;
  }

  public String displayName() {
    return displayName;
  }

  Level julLevel() {
    return level;
  }

  /**
   * The level with this display name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the allowed values
   */
  public static LogLevel fromDisplayName(String name) {
    for (LogLevel l : values()) {
      if (l.displayName.equalsIgnoreCase(name == null ? "" : name.strip())) {
        return l;
      }
    }
    throw new IllegalArgumentException("level: must be one of "
        + Arrays.stream(values()).map(LogLevel::displayName).collect(Collectors.joining(", ")) + ", was '" + name + "'");
  }
}
