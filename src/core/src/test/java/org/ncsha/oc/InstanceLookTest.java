package org.ncsha.oc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceLookTest {
  private static final String P = "pi-a.example.com";
  private static final String S = "pi-b.example.com";

  @Test
  void a_serving_primary_is_the_active_server_and_its_peer_is_not_asked() {
    Optional<InstanceLook.Answer> first = Optional.of(new InstanceLook.Answer(P, "Primary Active", true, S, 12));
    assertFalse(InstanceLook.askPeer(first, S));
    assertEquals(new InstanceLook.Outcome(true, "Primary Active", P, S, 12, null),
        InstanceLook.of(first, null, Optional.empty(), null, null));
  }

  @Test
  void a_server_without_ha_that_serves_has_no_secondary() {
    Optional<InstanceLook.Answer> first = Optional.of(new InstanceLook.Answer(P, "HA Not Configured", true, null, 0));
    assertEquals(new InstanceLook.Outcome(true, "HA Not Configured", P, null, 0, null),
        InstanceLook.of(first, null, Optional.empty(), null, null));
  }

  @Test
  void after_the_instances_failover_its_secondary_is_the_active_server() {
    Optional<InstanceLook.Answer> first = Optional.of(new InstanceLook.Answer(P, "Primary Lost", false, S, -1));
    assertTrue(InstanceLook.askPeer(first, null));
    Optional<InstanceLook.Answer> peer = Optional.of(new InstanceLook.Answer(S, "Secondary Active", true, P, 12));
    assertEquals(new InstanceLook.Outcome(true, "Secondary Active", S, S, 12, null),
        InstanceLook.of(first, null, peer, null, null));
  }

  @Test
  void with_the_primary_silent_the_known_secondary_is_asked() {
    assertTrue(InstanceLook.askPeer(Optional.empty(), S));
    assertFalse(InstanceLook.askPeer(Optional.empty(), null));
    Optional<InstanceLook.Answer> peer = Optional.of(new InstanceLook.Answer(S, "Secondary Active", true, P, 3));
    assertEquals(new InstanceLook.Outcome(true, "Secondary Active", S, S, 3, null),
        InstanceLook.of(Optional.empty(), "no answer from pi-a", peer, null, S));
  }

  @Test
  void answers_without_a_serving_server_and_silence_are_told_apart() {
    Optional<InstanceLook.Answer> alone = Optional.of(new InstanceLook.Answer(P, "Primary Alone", false, S, -1));
    InstanceLook.Outcome none = InstanceLook.of(alone, null, Optional.empty(), "no answer from pi-b", null);
    assertTrue(none.reachable());
    assertEquals(null, none.activeServer());
    assertEquals("no server of the instance serves now (pi-a.example.com is Primary Alone)", none.why());

    InstanceLook.Outcome silent = InstanceLook.of(Optional.empty(), "no answer from pi-a", Optional.empty(),
        "no answer from pi-b", S);
    assertFalse(silent.reachable());
    assertEquals("no answer from pi-a; the secondary pi-b.example.com: no answer from pi-b", silent.why());
    assertEquals("no answer from pi-a", InstanceLook.of(Optional.empty(), "no answer from pi-a", Optional.empty(), null,
        null).why());
  }
}
