package org.ncsha.ha;

import java.util.ArrayList;
import java.util.List;

/**
 * The pair's virtual addresses, as given at registration or changed on the running pair (either
 * may be null): the IPv4 one and the optional IPv6 one. Whichever server serves writes holds
 * both. Here, in the decider's package, because a settings change names the old and the new
 * addresses and moves them ({@link Command.ChangeSettings}).
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

  /** As events name them: "10.0.0.10, 2001:db8::10", or "none". */
  public String describe() {
    return configured() ? String.join(", ", addresses()) : "none";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
