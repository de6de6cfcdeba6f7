package org.ncsha.peer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The server a signed request was addressed to. The signature covers the address and port the
 * sender wrote (the request's Host), and a server takes only requests that name itself, so a
 * request captured on its way to one server cannot be replayed to another that shares the key
 * (the peer, or a server of another pair given the same key).
 */
public final class PeerDestination {
  private PeerDestination() {}

  /**
   * Whether {@code authority} (host:port, as in a Host header) names this server: the port is its
   * Health Monitor port and the host is its address, or a name that resolves to it.
   */
  public static boolean namesThisServer(String authority, String ownAddress, int port) {
    if (authority == null || ownAddress == null) {
      return false;
    }
    String value = normalize(authority);
    int colon = value.lastIndexOf(':');
    if (colon < 0 || value.endsWith("]")) {
      return false;
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!value.substring(colon + 1).equals(Integer.toString(port))) {
      return false;
    }
    String own = ownAddress.toLowerCase(Locale.ROOT);
    if (host.equals(own)) {
      return true;
    }
    try {
      InetAddress target = InetAddress.getByName(own);
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (a.equals(target)) {
          return true;
        }
      }
    } catch (UnknownHostException e) {
      return false;
    }
    return false;
  }

  static String normalize(String authority) {
    return authority == null ? "" : authority.strip().toLowerCase(Locale.ROOT);
  }
}
