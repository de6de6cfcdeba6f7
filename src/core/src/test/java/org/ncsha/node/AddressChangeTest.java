package org.ncsha.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressChangeTest {
  @Test
  void an_own_address_changed_or_gone_is_named_with_the_guides_remedy() {
    assertEquals(Optional.empty(), AddressChange.ownProblem("10.0.0.1", "10.0.0.1", true));
    String changed = AddressChange.ownProblem("10.0.0.1", "10.0.0.9", true).orElseThrow();
    assertTrue(changed.startsWith("This server's address changed from 10.0.0.1 to 10.0.0.9 while HA is configured;"
        + " its peer still knows it as 10.0.0.1: remove HA on the primary"), changed);
    assertTrue(changed.endsWith("register the secondary again (the guide's \"Reset the HA Server IP Address or Host Name\")"), changed);
    String gone = AddressChange.ownProblem("10.0.0.1", "10.0.0.1", false).orElseThrow();
    assertTrue(gone.startsWith("This server's address 10.0.0.1 (address in node.properties) is not on any of its network"
        + " interfaces"), gone);
  }

  @Test
  void a_peer_announcing_another_address_is_a_problem_unless_its_registered_name_resolves_to_it() {
    assertEquals(Optional.empty(), AddressChange.peerProblem("10.0.0.2", "10.0.0.2", false));
    assertEquals(Optional.empty(), AddressChange.peerProblem("ncs-b.example.net", "10.0.0.2", true));
    assertEquals(Optional.empty(), AddressChange.peerProblem(null, "10.0.0.2", false));
    assertTrue(AddressChange.peerProblem("10.0.0.2", "10.0.0.7", false).orElseThrow()
        .startsWith("The peer registered as 10.0.0.2 now sends heartbeats as 10.0.0.7; its address changed"));
  }
}
