package org.ncsha.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairingRulesTest {
  private static final MseServer PRIMARY = new MseServer("mse1", "10.10.10.12", ApplianceType.VA_3, "8.0.1", "10.10.10.11", 24, null);
  private static final MseServer SECONDARY = new MseServer("mse2", "10.10.10.13", ApplianceType.VA_4, "8.0.1", null, 24, null);

  @Test
  void a_pair_that_keeps_every_rule_has_no_problem() {
    assertEquals(List.of(), PairingRules.problems(PRIMARY, SECONDARY));
    assertEquals(List.of(), PairingRules.problems(PRIMARY,
        new MseServer("mse2", "10.10.10.13", ApplianceType.VA_3, "8.0.1", null, 24, "10.10.10.12")), "paired with this one");
  }

  @Test
  void each_broken_rule_is_named_with_its_field() {
    MseServer small = new MseServer("mse2", "10.10.20.13", ApplianceType.VA_2, "8.0.2", null, 24, "10.10.10.99");
    MseServer noVip = new MseServer("mse1", "10.10.10.12", ApplianceType.VA_3, "8.0.1", null, 24, "10.10.10.98");
    List<String> problems = PairingRules.problems(noVip, small);
    assertEquals(6, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("secondaryType: a VA-3 primary cannot be backed by a VA-2 secondary"), problems.get(0));
    assertTrue(problems.get(1).startsWith("secondaryVersion: the primary runs 8.0.1 and the secondary 8.0.2"), problems.get(1));
    assertTrue(problems.get(2).startsWith("virtualIp: the primary has no virtual IP"), problems.get(2));
    assertTrue(problems.get(3).contains("is not in the primary's subnet 10.10.10.12/24; HA over a WAN is not supported"),
        problems.get(3));
    assertTrue(problems.get(4).startsWith("primary: mse1 is paired with 10.10.10.98 already"), problems.get(4));
    assertTrue(problems.get(5).startsWith("secondary: mse2 backs 10.10.10.99 already"), problems.get(5));
  }

  @Test
  void the_virtual_ip_may_be_neither_health_monitor_address() {
    MseServer sameAsHm = new MseServer("mse1", "10.10.10.12", ApplianceType.VA_3, "8.0.1", "10.10.10.13", 24, null);
    assertEquals(List.of("virtualIp: 10.10.10.13 is a Health Monitor address; the Health Monitor IP and the virtual IP must"
        + " always be different"), PairingRules.problems(sameAsHm, SECONDARY));
  }

  @Test
  void subnets_are_compared_bit_by_bit_and_a_name_is_never_in_one() {
    assertTrue(PairingRules.sameSubnet("10.10.10.12", "10.10.10.200", 24));
    assertTrue(PairingRules.sameSubnet("10.10.10.12", "10.10.11.200", 22));
    assertEquals(false, PairingRules.sameSubnet("10.10.10.12", "10.10.11.200", 24));
    assertTrue(PairingRules.sameSubnet("fd00::1", "fd00::2", 64));
    assertEquals(false, PairingRules.sameSubnet("mse2.example.net", "10.10.10.12", 24));
  }
}
