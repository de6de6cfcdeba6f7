package org.ncsha.readiness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.util.Collections;

/**
 * A subnet of one of this host's interfaces. The servers' subnet is the one that holds this
 * server's address: a virtual IP must lie in it so that it can move between the two servers, and
 * its interface is the one whose speed the readiness check reads.
 */
public record Subnet(InetAddress network, int prefixLength) {

  /** The subnet of the interface holding {@code address}, or null when no interface holds it. */
  public static Subnet ofInterfaceHolding(String address) {
    Holder found = holderOf(address);
    return found == null ? null : found.subnet();
  }

  /**
   * The name of the interface whose subnet holds {@code address}, or null: 127.0.2.1 is served by
   * lo's 127.0.0.1/8 without being one of its addresses.
   */
  public static String interfaceServing(String address) {
    Holder found = holderOf(address);
    return found == null ? null : found.nic().getName();
  }

  /** An interface and the subnet of one of its addresses. */
  private record Holder(NetworkInterface nic, Subnet subnet) {}

  /** The first interface, and its subnet, that holds the address; null when none does. */
  private static Holder holderOf(String address) {
    try {
      InetAddress own = InetAddress.getByName(address);
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InterfaceAddress a : nic.getInterfaceAddresses()) {
          Subnet candidate = new Subnet(a.getAddress(), a.getNetworkPrefixLength());
          if (candidate.contains(own)) {
            return new Holder(nic, candidate);
          }
        }
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The IPv6 subnets (global or unique local, not link-local) of the interface holding the IPv4
   * {@code address}: where an IPv6 virtual IP must lie. Empty when it has none.
   */
  public static java.util.List<Subnet> ipv6OfInterfaceHolding(String address) {
    try {
      NetworkInterface nic = NetworkInterface.getByInetAddress(InetAddress.getByName(address));
      if (nic == null) {
        return java.util.List.of();
      }
      return nic.getInterfaceAddresses().stream()
          .filter(a -> a.getAddress() instanceof java.net.Inet6Address && !a.getAddress().isLinkLocalAddress()
              && !a.getAddress().isLoopbackAddress())
          .map(a -> new Subnet(a.getAddress(), a.getNetworkPrefixLength()))
          .toList();
    } catch (IOException e) {
      return java.util.List.of();
    }
  }

  /** {@link #contains(InetAddress)} for an address written out; false for one that does not parse. */
  public boolean contains(String address) {
    try {
      return contains(InetAddress.getByName(address));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  public boolean contains(InetAddress address) {
    byte[] x = network.getAddress();
    byte[] y = address.getAddress();
    if (x.length != y.length) {
      return false;
    }
    for (int bit = 0; bit < prefixLength; bit++) {
      int mask = 0x80 >> (bit % 8);
      if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    byte[] b = network.getAddress();
    for (int bit = prefixLength; bit < b.length * 8; bit++) {
      b[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
    }
    try {
      return InetAddress.getByAddress(b).getHostAddress() + "/" + prefixLength;
    } catch (IOException e) {
      return network.getHostAddress() + "/" + prefixLength;
    }
  }
}
