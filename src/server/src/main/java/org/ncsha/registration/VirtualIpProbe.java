package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.ncsha.monitor.VirtualIpKeeper;
import org.ncsha.node.NodeSettings;
import org.ncsha.readiness.VirtualIpFacts;
import org.ncsha.readiness.Subnet;
import org.ncsha.vip.VipHost;
import org.ncsha.ha.VirtualIps;

/**
 * The facts of NETWORK - CHECK VIRTUAL IP, and whether an address is free, for the registration's
 * refusal: the same subnet rule and the same duplicate address probe in both.
 */
@ApplicationScoped
public class VirtualIpProbe {
  @Inject NodeSettings node;
  @Inject VirtualIpKeeper keeper;

  /**
   * Why the address cannot be the pair's virtual IP now (it is this server's, or another host
   * answers for it), or null when it is free. Waits up to a second for an answer.
   */
  public String inUse(String address) {
    VipHost host = new VipHost(node.address(), node.scriptsDir());
    if (host.holds(address)) {
      return "it is already an address of this server";
    }
    return host.answeringFrom(address).map(mac -> "MAC " + mac + " answers for it").orElse(null);
  }

  /** Before registration: the form's addresses against this server's subnet and the secondary's, and free. */
  VirtualIpFacts beforeRegistration(VirtualIps vips, String secondary) {
    if (!vips.configured()) {
      return VirtualIpFacts.NONE;
    }
    List<String> outside = outsideOwnSubnet(vips);
    Subnet own = Subnet.ofInterfaceHolding(node.address());
    if (own != null && !own.contains(secondary)) {
      outside.add("the secondary " + secondary + " is not in this server's subnet " + own
          + ", so the address cannot move to it");
    }
    List<String> used = new ArrayList<>();
    try {
      for (String address : vips.addresses()) {
        String why = inUse(address);
        if (why != null) {
          used.add(address + " (" + why + ")");
        }
      }
    } catch (RuntimeException e) {
      return new VirtualIpFacts(vips.addresses(), outside, used, e.getMessage());
    }
    return new VirtualIpFacts(vips.addresses(), outside, used, null);
  }

  /** The registered pair's addresses: in this server's subnet, and not refused because another host answers. */
  VirtualIpFacts configured() {
    VirtualIps vips = keeper.configured();
    if (!vips.configured()) {
      return VirtualIpFacts.NONE;
    }
    String other = keeper.answeringElsewhere();
    return new VirtualIpFacts(vips.addresses(), outsideOwnSubnet(vips),
        other == null ? List.of() : List.of(String.join(", ", vips.addresses()) + " (MAC " + other
            + " answers for it where this server should hold it)"), null);
  }

  private List<String> outsideOwnSubnet(VirtualIps vips) {
    List<String> outside = new ArrayList<>();
    Subnet own = Subnet.ofInterfaceHolding(node.address());
    if (vips.ipv4() != null && (own == null || !own.contains(vips.ipv4()))) {
      outside.add(vips.ipv4() + " is not in this server's subnet" + (own == null ? "" : " " + own));
    }
    if (vips.ipv6() != null && Subnet.ipv6OfInterfaceHolding(node.address()).stream().noneMatch(s -> s.contains(vips.ipv6()))) {
      outside.add(vips.ipv6() + " is not in an IPv6 subnet of this server's interface");
    }
    return outside;
  }
}
