package org.ncsha.node;

import java.util.Optional;

/**
 * The guide's "Reset the HA Server IP Address or Host Name": an address changed while HA is
 * configured breaks the pair (each server knows the other by the address it was registered
 * with), so the server says what changed and what to do instead of failing in obscure ways.
 */
public final class AddressChange {
  private AddressChange() {}

  private static final String REMEDY = ": remove HA on the primary (Administration > Settings > High Availability >"
      + " Remove HA, or 'ncs ha remove'), then register the secondary again (the guide's \"Reset the HA Server IP Address"
      + " or Host Name\")";

  /**
   * This server's own address against the one it had when HA was configured.
   *
   * @param registered the address at registration (null: not recorded)
   * @param current the address in node.properties now
   * @param currentIsLocal whether {@code current} is on one of this host's interfaces
   */
  public static Optional<String> ownProblem(String registered, String current, boolean currentIsLocal) {
    if (registered != null && !registered.equalsIgnoreCase(current)) {
      return Optional.of("This server's address changed from " + registered + " to " + current
          + " while HA is configured; its peer still knows it as " + registered + REMEDY);
    }
    if (!currentIsLocal) {
      return Optional.of("This server's address " + current + " (address in node.properties) is not on any of its"
          + " network interfaces; if the address was changed, set the new one in node.properties" + REMEDY);
    }
    return Optional.empty();
  }

  /**
   * The peer's heartbeats name another address than the one it was registered with.
   *
   * @param sameHost whether the registered name resolves to the announced address (a host name
   *     registered, the address announced)
   */
  public static Optional<String> peerProblem(String registeredPeer, String announced, boolean sameHost) {
    if (registeredPeer == null || announced == null || sameHost || registeredPeer.equalsIgnoreCase(announced)) {
      return Optional.empty();
    }
    return Optional.of("The peer registered as " + registeredPeer + " now sends heartbeats as " + announced
        + "; its address changed while HA is configured" + REMEDY);
  }
}
