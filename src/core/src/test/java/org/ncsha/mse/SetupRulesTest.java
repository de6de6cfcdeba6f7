package org.ncsha.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetupRulesTest {
  @Test
  void yes_skip_and_use_default_answers_with_the_prompts_default() {
    assertEquals(SetupRules.Choice.YES, SetupRules.choice("y", SetupRules.Choice.SKIP));
    assertEquals(SetupRules.Choice.SKIP, SetupRules.choice("S", SetupRules.Choice.YES));
    assertEquals(SetupRules.Choice.USE_DEFAULT, SetupRules.choice("u", SetupRules.Choice.SKIP));
    assertEquals(SetupRules.Choice.SKIP, SetupRules.choice("", SetupRules.Choice.SKIP), "[Skip]");
    assertEquals("answer: 'maybe' is not Y (yes), S (skip) or U (use default)",
        assertThrows(IllegalArgumentException.class, () -> SetupRules.choice("maybe", SetupRules.Choice.SKIP)).getMessage());
    assertTrue(SetupRules.yesNo("HA recovery mode", "yes", false));
    assertFalse(SetupRules.yesNo("HA recovery mode", "", false));
    assertThrows(IllegalArgumentException.class, () -> SetupRules.yesNo("HA recovery mode", "perhaps", false));
  }

  @Test
  void the_guides_host_name_rule() {
    assertEquals(Optional.empty(), SetupRules.hostNameProblem("mse1"));
    assertEquals(Optional.empty(), SetupRules.hostNameProblem("mse-primary-2"));
    for (String bad : new String[] {"1mse", "mse-", "mse_1", "mse.example", "", "m".repeat(64)}) {
      assertTrue(SetupRules.hostNameProblem(bad).orElseThrow().startsWith("Hostname: '" + bad + "' must start with a letter"), bad);
    }
  }

  @Test
  void the_guides_root_password_rule_does_not_count_a_leading_capital_or_a_trailing_digit() {
    assertEquals(Optional.empty(), SetupRules.rootPasswordProblem("aB3$efgh".toCharArray()));
    assertTrue(SetupRules.rootPasswordProblem("password".toCharArray()).isPresent(), "the guide's own example is refused");
    assertTrue(SetupRules.rootPasswordProblem("Ab$defg1".toCharArray()).isPresent(), "the capital and the digit do not count");
    assertTrue(SetupRules.rootPasswordProblem("aB3$efg".toCharArray()).isPresent(), "7 characters");
  }

  @Test
  void addresses_netmasks_and_the_virtual_ip() {
    assertEquals(Optional.empty(), SetupRules.ipv4Problem("Enter eth0 IP address", "10.10.10.12"));
    assertEquals("Enter eth0 IP address: '10.10.10.256' must be in the form #.#.#.#, where # is 0 to 255",
        SetupRules.ipv4Problem("Enter eth0 IP address", "10.10.10.256").orElseThrow());
    assertEquals(24, SetupRules.prefixLength("network mask", "255.255.255.0"));
    assertEquals(0, SetupRules.prefixLength("network mask", "0.0.0.0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SetupRules.prefixLength("network mask", "255.0.255.0"))
        .getMessage().startsWith("network mask: '255.0.255.0' is not a network mask"));
    assertTrue(SetupRules.virtualIpProblem("10.10.10.12", "10.10.10.12").orElseThrow()
        .endsWith("the health monitor IP and virtual IP must always be different"));
    assertEquals(Optional.empty(), SetupRules.virtualIpProblem("10.10.10.11", "10.10.10.12"));
    assertEquals(Optional.empty(), SetupRules.timeZoneProblem("America/Los_Angeles"));
    assertTrue(SetupRules.timeZoneProblem("Mars/Olympus").isPresent());
  }
}
