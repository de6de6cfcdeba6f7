package org.ncsha.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Everything one run knows: both servers' own facts (null for a server whose Health Monitor did
 * not answer), the link as measured by the server running the checks, and the thresholds.
 */
record Facts(NodeFacts primary, NodeFacts secondary, LinkFacts link, Thresholds limits) {

  boolean haConfigured() {
    return notConfigured(primary) + notConfigured(secondary) == 0;
  }

  private static int notConfigured(NodeFacts n) {
    return n == null || "HA Not Configured".equals(n.haState()) || "Stand Alone".equals(n.haState()) ? 1 : 0;
  }

  /** The servers that answered, labelled as the checklist shows them. */
  List<Labelled> answered() {
    List<Labelled> all = new ArrayList<>();
    if (primary != null) {
      all.add(new Labelled("primary " + primary.address(), primary));
    }
    if (secondary != null) {
      all.add(new Labelled("secondary " + secondary.address(), secondary));
    }
    return all;
  }

  /** Why a check that needs both servers cannot run, or null when both answered. */
  String missing() {
    if (primary != null && secondary != null) {
      return null;
    }
    String who = primary == null ? "primary" : "secondary";
    return "the " + who + "'s Health Monitor did not answer" + (link.peerError() == null ? "" : ": " + link.peerError());
  }

  /** Joins one fact of each server that answered into a detail line. */
  String each(Function<NodeFacts, String> fact) {
    return String.join("; ", answered().stream().map(l -> l.label() + ": " + fact.apply(l.facts())).toList());
  }

  record Labelled(String label, NodeFacts facts) {}
}
