package org.ncsha.mse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.ncsha.readiness.Subnet;

/**
 * The guide's rules for pairing a primary MSE with a secondary ("Guidelines and Limitations for
 * MSE High Availability" and Table 5): each broken rule is one message naming the field and the
 * rule, so the administrator sees them all at once and nothing is paired.
 */
public final class PairingRules {
  private PairingRules() {}

  public static List<String> problems(MseServer primary, MseServer secondary) {
    List<String> problems = new ArrayList<>();
    if (primary.healthMonitorAddress().equalsIgnoreCase(secondary.healthMonitorAddress())) {
      problems.add("secondaryAddress: " + secondary.healthMonitorAddress() + " is the primary itself");
    }
    if (!primary.type().canBeBackedBy(secondary.type())) {
      problems.add("secondaryType: a " + primary.type().displayName() + " primary cannot be backed by a "
          + secondary.type().displayName() + " secondary (pairing matrix: a 3355 only with a 3355, a VA-n only with a"
          + " VA-m where m >= n)");
    }
    if (!primary.version().equals(secondary.version())) {
      problems.add("secondaryVersion: the primary runs " + primary.version() + " and the secondary "
          + secondary.version() + "; both MSEs must run the same software version");
    }
    if (primary.virtualIp() == null || primary.virtualIp().isBlank()) {
      problems.add("virtualIp: the primary has no virtual IP; set one with its setup script (High availability role)");
    } else if (primary.virtualIp().equalsIgnoreCase(primary.healthMonitorAddress())
        || primary.virtualIp().equalsIgnoreCase(secondary.healthMonitorAddress())) {
      problems.add("virtualIp: " + primary.virtualIp() + " is a Health Monitor address; the Health Monitor IP and the"
          + " virtual IP must always be different");
    }
    if (!sameSubnet(primary.healthMonitorAddress(), secondary.healthMonitorAddress(), primary.prefixLength())) {
      problems.add("secondaryAddress: " + secondary.healthMonitorAddress() + " is not in the primary's subnet "
          + primary.healthMonitorAddress() + "/" + primary.prefixLength() + "; HA over a WAN is not supported, both MSEs"
          + " must be in the same subnet");
    }
    if (primary.pairedWith() != null && !primary.pairedWith().equalsIgnoreCase(secondary.healthMonitorAddress())) {
      problems.add("primary: " + primary.name() + " is paired with " + primary.pairedWith() + " already; one secondary"
          + " backs one primary");
    }
    if (secondary.pairedWith() != null && !secondary.pairedWith().equalsIgnoreCase(primary.healthMonitorAddress())) {
      problems.add("secondary: " + secondary.name() + " backs " + secondary.pairedWith() + " already; one secondary"
          + " backs one primary");
    }
    return problems;
  }

  /** Whether two address literals share the first {@code prefixLength} bits (false for a name or mixed families). */
  static boolean sameSubnet(String a, String b, int prefixLength) {
    InetAddress x = literal(a);
    InetAddress y = literal(b);
    if (x == null || y == null || prefixLength < 0 || prefixLength > x.getAddress().length * 8) {
      return false;
    }
    return new Subnet(x, prefixLength).contains(y);
  }

  private static InetAddress literal(String address) {
    if (address == null || !address.matches("[0-9a-fA-F:.]+")) {
      return null; // a host name: never looked up here
    }
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
