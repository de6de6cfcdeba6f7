package org.ncsha.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.util.Collections;

/**
 * The servers' subnet, as the interface that holds this server's address defines it: a virtual
 * IP must lie in it so that it can move between the two servers.
 */
public record Subnet(InetAddress network, int prefixLength) {

  /** The subnet of the interface holding {@code address}, or null when no interface holds it. */
  public static Subnet ofInterfaceHolding(String address) {
    try {
      InetAddress own = InetAddress.getByName(address);
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InterfaceAddress a : nic.getInterfaceAddresses()) {
          Subnet candidate = new Subnet(a.getAddress(), a.getNetworkPrefixLength());
          if (candidate.contains(own)) {
            return candidate;
          }
        }
      }
      return null;
    } catch (IOException e) {
      return null;
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
