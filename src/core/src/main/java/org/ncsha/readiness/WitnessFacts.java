package org.ncsha.readiness;

import java.util.List;

/**
 * The witness as the server running the checks sees it: the failover type, the configured etcd
 * endpoints (none: no witness), whether it answered, who holds the lease, and its error.
 */
public record WitnessFacts(boolean automaticFailover, List<String> endpoints, boolean reachable, String holder,
    String error) {

  public WitnessFacts {
    endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
  }

  /** No witness configured. */
  public static WitnessFacts none(boolean automaticFailover) {
    return new WitnessFacts(automaticFailover, List.of(), false, null, null);
  }

  boolean configured() {
    return !endpoints.isEmpty();
  }
}
