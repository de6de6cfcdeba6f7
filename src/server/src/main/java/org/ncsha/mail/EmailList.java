package org.ncsha.mail;

import java.util.Arrays;
import java.util.List;

/** The HA configuration's Email Address field: a comma-separated list, as typed and as stored. */
public final class EmailList {
  private EmailList() {}

  public static List<String> parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public static String format(List<String> addresses) {
    return addresses == null ? "" : String.join(",", addresses);
  }
}
