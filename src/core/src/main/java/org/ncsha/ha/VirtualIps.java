package org.ncsha.ha;

import java.util.ArrayList;
import java.util.List;

/**
 * The pair's virtual addresses, as given at registration (either may be null): the IPv4 one and
 * the optional IPv6 one. Whichever server serves writes holds both. Pure, in the decider's
 * package, so that the decider can compare and name them.
 */
public record VirtualIps(String ipv4, String ipv6) {
  public static final VirtualIps NONE = new VirtualIps(null, null);

  public VirtualIps {
    ipv4 = blankToNull(ipv4);
    ipv6 = blankToNull(ipv6);
  }

  public boolean configured() {
    return ipv4 != null || ipv6 != null;
  }

  public List<String> addresses() {
    List<String> all = new ArrayList<>();
    if (ipv4 != null) {
      all.add(ipv4);
    }
    if (ipv6 != null) {
      all.add(ipv6);
    }
    return all;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
