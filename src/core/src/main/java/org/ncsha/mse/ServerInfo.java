package org.ncsha.mse;

import java.util.ArrayList;
import java.util.List;

/**
 * What an MSE answers to the guide's {@code getserverinfo}: its version, HA role and state,
 * appliance type and services. The MSE's Health Monitor serves it (GET /api/mse/serverinfo on
 * 8082); {@code ncs-mse getserverinfo} prints {@link #lines()}, and the admin server lists it.
 *
 * @param role the High availability role set by the setup script ("Primary" or "Secondary")
 * @param virtualIp the primary's virtual IP from setup; null on a secondary
 * @param prefixLength the Health Monitor interface's network prefix length from setup (-1: not set)
 * @param pairedWith the address of the MSE this one is paired with (HA configured), or null
 */
public record ServerInfo(String name, String version, String role, String haState, String applianceType,
    String healthMonitorAddress, String virtualIp, List<Service> services, int prefixLength, String pairedWith) {

  /** The location service's name, as the guide's MSE calls its main service. */
  public static final String LOCATION_SERVICE = "Context Aware Service";

  /** A service and whether it runs: "Up", or "Down" with why in {@code detail}. */
  public record Service(String name, String status, String detail) {}

  public ServerInfo {
    services = services == null ? List.of() : List.copyOf(services);
  }

  /**
   * The MSE as the pairing rules see it, with its appliance type parsed; refused, naming the
   * field, when the MSE reports a type the matrix does not know.
   */
  public MseServer server() {
    return new MseServer(name, healthMonitorAddress, ApplianceType.fromDisplayName("applianceType", applianceType),
        version, virtualIp, prefixLength, pairedWith);
  }

  /** As getserverinfo prints it. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("-------------");
    out.add("Server Config");
    out.add("-------------");
    out.add("Product name: ncs-ha Mobility Services Engine");
    out.add("Version: " + version);
    out.add("Hostname: " + name);
    out.add("Appliance type: " + applianceType);
    out.add("Health Monitor address: " + healthMonitorAddress);
    out.add("Virtual IP: " + (virtualIp == null ? "none" : virtualIp));
    out.add("High availability role: " + role);
    out.add("HA state: " + haState);
    out.add("Paired with: " + (pairedWith == null ? "none" : pairedWith));
    out.add("--------");
    out.add("Services");
    out.add("--------");
    for (Service s : services) {
      out.add("Service Name: " + s.name() + ", Operation Status: " + s.status()
          + (s.detail() == null ? "" : " (" + s.detail() + ")"));
    }
    return out;
  }
}
