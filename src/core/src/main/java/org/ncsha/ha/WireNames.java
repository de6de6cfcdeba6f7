package org.ncsha.ha;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The lower-case names the HA enums go by on the wire, in node.properties, the status JSON and the CLI. */
final class WireNames {
  private WireNames() {}

  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively and trimmed.
   *
   * @throws IllegalArgumentException "Unknown {what} '...': allowed values are ..." when it is none of them
   */
  static <E extends Enum<E>> E parse(Class<E> type, String what, String wireName) {
    for (E value : type.getEnumConstants()) {
      if (of(value).equalsIgnoreCase(wireName == null ? "" : wireName.trim())) {
        return value;
      }
    }
    throw new IllegalArgumentException("Unknown " + what + " '" + wireName + "': allowed values are "
        + Arrays.stream(type.getEnumConstants()).map(WireNames::of).collect(Collectors.joining(", ")));
  }
}
