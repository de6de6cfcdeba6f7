package org.ncsha.update;

import java.util.ArrayList;
import java.util.List;

/**
 * A product version as the build writes it: dot-separated numbers (1 to 4 of them), optionally
 * followed by a qualifier after '-' (e.g. {@code 0.2.0-SNAPSHOT}). Numbers compare as numbers; a
 * version with a qualifier comes before the same version without one, as Maven orders them.
 */
public record Version(List<Integer> numbers, String qualifier) implements Comparable<Version> {
  public Version {
    numbers = List.copyOf(numbers);
  }

  /** The version written in {@code text}, or IllegalArgumentException naming {@code field} and the rule. */
  public static Version parse(String field, String text) {
    String rule = field + ": must be 1 to 4 dot-separated numbers, optionally followed by -qualifier (e.g. 0.2.0), was ";
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(rule + "empty");
    }
    int dash = text.indexOf('-');
    String main = dash < 0 ? text : text.substring(0, dash);
    String qualifier = dash < 0 ? "" : text.substring(dash + 1);
    if (dash >= 0 && !qualifier.matches("[A-Za-z0-9.]{1,32}")) {
      throw new IllegalArgumentException(rule + text);
    }
    String[] parts = main.split("\\.", -1);
    if (parts.length > 4) {
      throw new IllegalArgumentException(rule + text);
    }
    List<Integer> numbers = new ArrayList<>();
    for (String p : parts) {
      if (!p.matches("[0-9]{1,6}")) {
        throw new IllegalArgumentException(rule + text);
      }
      numbers.add(Integer.parseInt(p));
    }
    return new Version(numbers, qualifier);
  }

  @Override
  public int compareTo(Version o) {
    for (int i = 0; i < Math.max(numbers.size(), o.numbers.size()); i++) {
      int a = i < numbers.size() ? numbers.get(i) : 0;
      int b = i < o.numbers.size() ? o.numbers.get(i) : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    if (qualifier.isEmpty() || o.qualifier.isEmpty()) {
      return Boolean.compare(qualifier.isEmpty(), o.qualifier.isEmpty());
    }
    return qualifier.compareTo(o.qualifier);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int n : numbers) {
      s.append(s.length() == 0 ? "" : ".").append(n);
    }
    return qualifier.isEmpty() ? s.toString() : s + "-" + qualifier;
  }
}
