package org.ncsha.readiness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ncsha.oc.HostAddress;

/**
 * HA - OPERATIONS CENTER HOST NAMES: the guide's "If you plan on using Operations Center with an
 * HA implementation ... Ensure that all of your HA-enabled ... servers (both primary and
 * secondary) have fully resolved host names", and its note to use "either the host-name or the IP
 * address uniformly for both managed servers and SSO configuration". Only for an Operations
 * Center; a warning, since the pair works either way and only SSO misbehaves.
 */
final class OperationsCenterNamesCheck {
  private OperationsCenterNamesCheck() {}

  static CheckResult names(Facts f) {
    List<Facts.Labelled> centers = f.answered().stream()
        .filter(n -> n.facts().operationsCenter() != null && n.facts().operationsCenter().activated()).toList();
    if (centers.isEmpty()) {
      return CheckResult.pass(Check.OPERATIONS_CENTER_NAMES, null, "not an Operations Center");
    }
    List<String> problems = new ArrayList<>();
    for (Facts.Labelled n : f.answered()) {
      if (!HostAddress.isHostName(n.facts().address())) {
        problems.add("the " + n.label() + " is named by its IP address, not a host name");
      }
    }
    Set<String> unresolved = new LinkedHashSet<>();
    Set<String> instances = new LinkedHashSet<>();
    Set<String> ssoServers = new LinkedHashSet<>();
    for (Facts.Labelled n : centers) {
      unresolved.addAll(n.facts().operationsCenter().unresolved());
      instances.addAll(n.facts().operationsCenter().instanceAddresses());
      if (n.facts().operationsCenter().ssoServer() != null) {
        ssoServers.add(n.facts().operationsCenter().ssoServer());
      }
    }
    if (!unresolved.isEmpty()) {
      problems.add("these names do not resolve: " + String.join(", ", unresolved));
    }
    // The guide: "either the host-name or the IP address uniformly for both managed servers and SSO configuration".
    Set<String> uniform = new LinkedHashSet<>(instances);
    uniform.addAll(ssoServers);
    long named = uniform.stream().filter(HostAddress::isHostName).count();
    if (named > 0 && named < uniform.size()) {
      problems.add((ssoServers.isEmpty() ? "the managed instances are" : "the managed instances and the SSO server are")
          + " named both ways (" + String.join(", ", uniform) + ")");
    }
    if (problems.isEmpty()) {
      return CheckResult.pass(Check.OPERATIONS_CENTER_NAMES, null, "both servers and " + instances.size()
          + " managed instance(s) are named by host names that resolve");
    }
    return CheckResult.warning(Check.OPERATIONS_CENTER_NAMES, null, String.join("; ", problems),
        "Name both servers and every managed instance by fully resolved host names (DNS or /etc/hosts on every server),"
            + " and use those names throughout: HA registration, the managed instances and the SSO server;"
            + " docs/operations-center.md.");
  }
}
