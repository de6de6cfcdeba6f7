package org.ncsha.readiness;

import java.util.List;

/**
 * Operations Center as one server sees it: whether the pair is one, the addresses its managed
 * instances were added by, and which of the names this server was asked to resolve (its own, its
 * peer's and the instances') it could not resolve.
 */
public record OperationsCenterFacts(boolean activated, List<String> instanceAddresses, List<String> unresolved) {
  public OperationsCenterFacts {
    instanceAddresses = instanceAddresses == null ? List.of() : List.copyOf(instanceAddresses);
    unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
  }
}
