package org.ncsha.oc;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an Operations Center names a server it manages: a host name (the guide asks Operations
 * Center pairs for fully resolved host names, and for one way of naming used throughout: "either
 * the host-name or the IP address uniformly") or an IP address literal, without scheme or port.
 */
public final class HostAddress {
  private static final int MAX = 253;
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  private HostAddress() {}

  /** What is wrong with {@code value} as {@code field}'s address, naming the field and the rule. */
  public static Optional<String> problem(String field, String value) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      return Optional.of(field + ": the server's host name or IP address is required");
    }
    if (v.length() > MAX) {
      return Optional.of(field + ": at most " + MAX + " characters, was " + v.length());
    }
    if (isIpv4(v) || isIpv6(v)) {
      return Optional.empty();
    }
    for (String label : v.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of(field + ": '" + v + "' is neither an IP address nor a host name (labels of letters, digits and"
            + " inner hyphens, 1 to 63 characters, separated by dots; no scheme, port or path)");
      }
    }
    if (v.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      return Optional.of(field + ": '" + v + "' is not an IPv4 address (four numbers from 0 to 255)");
    }
    return Optional.empty();
  }

  /** Whether {@code value} is a host name rather than an address literal (readiness's naming check). */
  public static boolean isHostName(String value) {
    String v = value == null ? "" : value.strip();
    return !v.isEmpty() && !isIpv4(v) && !isIpv6(v);
  }

  /** The address as a URL's host: an IPv6 literal in brackets. */
  public static String urlHost(String value) {
    return isIpv6(value) ? "[" + value + "]" : value;
  }

  private static boolean isIpv4(String v) {
    return IPV4.matcher(v).matches();
  }

  private static boolean isIpv6(String v) {
    return v.contains(":") && IPV6.matcher(v).matches() && v.chars().filter(c -> c == ':').count() >= 2;
  }
}
