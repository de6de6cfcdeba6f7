package org.ncsha.ha;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the secondary takes over from a failed primary: by the administrator or by itself. */
public enum FailoverType {
  MANUAL,
  AUTOMATIC;

  /** The name used on the wire, in the status JSON and on the CLI: "manual" or "automatic". */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The name the pages and the events show: "Manual" or "Automatic". */
  public String displayName() {
    return this == AUTOMATIC ? "Automatic" : "Manual";
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the allowed values when {@code wireName} is not one
   */
  public static FailoverType fromWireName(String wireName) {
    for (FailoverType type : values()) {
      if (type.wireName().equalsIgnoreCase(wireName == null ? "" : wireName.trim())) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "Unknown failover type '"
            + wireName
            + "': allowed values are "
            + Arrays.stream(values()).map(FailoverType::wireName).collect(Collectors.joining(", ")));
  }
}
