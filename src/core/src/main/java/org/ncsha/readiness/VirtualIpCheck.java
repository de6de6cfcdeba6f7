package org.ncsha.readiness;

/**
 * NETWORK - CHECK VIRTUAL IP (not in the guide's list, from its "Using Virtual IP Addressing With
 * HA"): the address must lie in the servers' one subnet, or it cannot move between them, and no
 * other host may answer for it, or devices reach that host.
 */
final class VirtualIpCheck {
  private VirtualIpCheck() {}

  static CheckResult virtualIp(Facts f) {
    VirtualIpFacts v = f.link().virtualIp();
    String addresses = String.join(", ", v.addresses());
    // First: facts that could not be gathered (a probe past its time) may not know the addresses.
    if (v.error() != null) {
      return CheckResult.warning(Check.VIRTUAL_IP, null,
          "could not check " + (addresses.isEmpty() ? "the virtual IP" : addresses) + ": " + v.error(),
          "Install iputils-arping and ndisc6 (liberty/bin/install-prerequisites) and check the server's interface.");
    }
    if (v.addresses().isEmpty()) {
      return CheckResult.pass(Check.VIRTUAL_IP, null,
          "no virtual IP: devices send to both servers' own addresses (the guide's \"What If I Cannot Use Virtual IP Addressing?\")");
    }
    if (!v.outsideSubnet().isEmpty()) {
      return CheckResult.fail(Check.VIRTUAL_IP, null, "cannot move between the servers: " + String.join("; ", v.outsideSubnet()),
          "Choose a free address in the subnet both servers' own addresses are in.");
    }
    if (!v.answeringElsewhere().isEmpty()) {
      return CheckResult.fail(Check.VIRTUAL_IP, null, "in use by another host: " + String.join("; ", v.answeringElsewhere()),
          "Choose a free address, or find the host that holds it (ip neigh show <address> names its MAC).");
    }
    return CheckResult.pass(Check.VIRTUAL_IP, null, addresses + ": in the servers' subnet and free of other hosts");
  }
}
