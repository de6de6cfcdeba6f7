package org.ncsha.readiness;

import java.util.List;

/**
 * The pair's virtual IP as the server running the checks sees it: its addresses (none: no
 * virtual IP), those that cannot move between the servers because a server's subnet does not
 * hold them ("address: why"), those another host answers for ("address (MAC ...)"), and an
 * error that kept the facts from being gathered.
 */
public record VirtualIpFacts(List<String> addresses, List<String> outsideSubnet, List<String> answeringElsewhere,
    String error) {

  public static final VirtualIpFacts NONE = new VirtualIpFacts(List.of(), List.of(), List.of(), null);

  public VirtualIpFacts {
    addresses = addresses == null ? List.of() : List.copyOf(addresses);
    outsideSubnet = outsideSubnet == null ? List.of() : List.copyOf(outsideSubnet);
    answeringElsewhere = answeringElsewhere == null ? List.of() : List.copyOf(answeringElsewhere);
  }
}
