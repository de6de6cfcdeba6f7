package org.ncsha.readiness;

import java.util.List;

/**
 * Operations Center as one server sees it: whether the pair is one, the addresses its managed
 * instances were added by, its Single Sign-On server's host (null while off), and which of the
 * names this server was asked to resolve (its own, its peer's, the instances' and the SSO
 * server's) it could not resolve.
 */
public record OperationsCenterFacts(boolean activated, List<String> instanceAddresses, String ssoServer,
    List<String> unresolved) {
  public OperationsCenterFacts {
    instanceAddresses = instanceAddresses == null ? List.of() : List.copyOf(instanceAddresses);
    unresolved = unresolved == null ? List.of() : List.copyOf(unresolved);
  }
}
