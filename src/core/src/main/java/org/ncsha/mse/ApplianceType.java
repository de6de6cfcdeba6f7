package org.ncsha.mse;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of Mobility Services Engine the guide pairs (Table 5, "MSE High Availability Server
 * Pairing Matrix"): the 3355 appliance, and virtual appliances of sizes 2 to 5.
 */
public enum ApplianceType {
  MSE_3355("3355", 0),
  VA_2("VA-2", 2),
  VA_3("VA-3", 3),
  VA_4("VA-4", 4),
  VA_5("VA-5", 5);

  private final String displayName;
  /** A virtual appliance's size; 0 for the physical 3355. */
  private final int size;

  ApplianceType(String displayName, int size) {
    this.displayName = displayName;
    this.size = size;
  }

  public String displayName() {
    return displayName;
  }

  /**
   * Table 5: a 3355 is backed only by a 3355; a virtual appliance VA-n only by a VA-m with
   * m >= n (a secondary at least as large as the primary it takes over from).
   */
  public boolean canBeBackedBy(ApplianceType secondary) {
    if (this == MSE_3355 || secondary == MSE_3355) {
      return this == secondary;
    }
    return secondary.size >= size;
  }

  /** The type a server names, e.g. "VA-3"; refused with the types there are. */
  public static ApplianceType fromDisplayName(String field, String name) {
    return Arrays.stream(values()).filter(t -> t.displayName.equalsIgnoreCase(name == null ? "" : name.strip()))
        .findFirst().orElseThrow(() -> new IllegalArgumentException(field + ": '" + name + "' is not an MSE type ("
            + Arrays.stream(values()).map(ApplianceType::displayName).collect(Collectors.joining(", ")) + ")"));
  }
}
