package org.ncsha.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SetupSummaryTest {
  @Test
  void the_block_lists_what_this_session_changed_in_the_guides_words() {
    MseSettings session = MseSettings.INITIAL.withHostname("mse1")
        .withHighAvailability(MseSettings.Role.PRIMARY, "eth0", "none", "10.10.10.11", "255.255.255.0", false)
        .withEth0("10.10.10.12", "255.0.0.0", "10.10.10.1").withTimeZone("America/Los_Angeles")
        .withDnsServers(List.of("8.8.8.8")).withNtpServers(List.of("time.nist.gov"))
        .withRootPasswordVerifier("v1").withAdminServerPasswordVerifier("v2");
    assertEquals(List.of("Hostname=mse1", "Role= 1, Health Monitor Interface=eth0, Direct connect interface=none",
        "Virtual IP Address=10.10.10.11, Virtual IP Netmask=255.255.255.0",
        "Eth0 IP address=10.10.10.12, Eth0 network mask=255.0.0.0", "Default Gateway=10.10.10.1",
        "Time zone=America/Los_Angeles", "Enable DNS=yes, DNS servers=8.8.8.8", "Enable NTP=yes, NTP servers=time.nist.gov",
        "Root password is changed.", "Cisco Prime Infrastructure password is changed."),
        SetupSummary.changes(MseSettings.INITIAL, session));
    assertEquals(List.of(), SetupSummary.changes(session, session));
    assertEquals(List.of("Hostname=mse2"), SetupSummary.changes(session, session.withHostname("mse2")));
  }

  @Test
  void answers_that_do_not_go_together_are_named() {
    MseSettings s = MseSettings.INITIAL.withEth0("10.10.10.12", "255.255.255.0", "10.10.10.1")
        .withHighAvailability(MseSettings.Role.PRIMARY, "eth0", "eth1", "10.10.10.12", "255.255.255.0", false);
    List<String> problems = SetupSummary.conflicts(s);
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("the health monitor IP and virtual IP must always be different"), problems.get(0));
    assertTrue(problems.get(1).contains("eth1 is disabled"), problems.get(1));
    assertEquals(List.of(), SetupSummary.conflicts(s.withEth1("192.168.0.2", "255.255.255.0")
        .withHighAvailability(MseSettings.Role.PRIMARY, "eth0", "eth1", "10.10.10.11", "255.255.255.0", false)));
  }
}
