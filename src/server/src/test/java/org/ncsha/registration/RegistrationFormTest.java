package org.ncsha.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncsha.readiness.Subnet;

class RegistrationFormTest {
  private static RegistrationForm valid() {
    RegistrationForm f = new RegistrationForm();
    f.setSecondaryServer("127.0.1.2");
    f.setAuthenticationKey("Secret-Key-9");
    f.setEmailAddress("noc@example.com, oncall@example.org");
    f.setFailoverType("Manual");
    return f;
  }

  @Test
  void a_complete_form_has_no_problems_and_splits_the_mail_list() {
    RegistrationForm f = valid();
    assertEquals(List.of(), f.problems());
    assertEquals(List.of("noc@example.com", "oncall@example.org"), f.emails());
  }

  @Test
  void each_problem_names_its_field() {
    RegistrationForm f = valid();
    f.setSecondaryServer(" ");
    f.setAuthenticationKey("alllowercase");
    f.setEmailAddress("noc@example.com, not-an-address");
    f.setFailoverType("sometimes");
    List<String> problems = f.problems();
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("Secondary Server:"));
    assertTrue(problems.get(1).startsWith("Authentication Key"));
    assertTrue(problems.get(2).contains("not-an-address"));
    assertTrue(problems.get(3).startsWith("Failover Type:"));
  }

  @Test
  void the_failback_type_is_manual_unless_an_mse_pair_asks_for_automatic() {
    assertEquals(java.util.Optional.empty(), RegistrationForm.failbackTypeProblem(null, false));
    assertEquals(java.util.Optional.empty(), RegistrationForm.failbackTypeProblem("Manual", false));
    assertEquals(java.util.Optional.empty(), RegistrationForm.failbackTypeProblem("automatic", true));
    assertEquals(java.util.Optional.of("Failback Type: Automatic is for MSE pairs (node.kind=mse); a server pair fails back"
        + " when the administrator presses Failback"), RegistrationForm.failbackTypeProblem("automatic", false));
    assertEquals(java.util.Optional.of("Failback Type: must be Manual or Automatic, was 'soon'"),
        RegistrationForm.failbackTypeProblem("soon", true));
    RegistrationForm form = new RegistrationForm();
    assertEquals(org.ncsha.ha.FailbackType.MANUAL, form.failback(org.ncsha.ha.FailbackType.MANUAL), "left out: manual");
    form.setFailbackType("Automatic");
    assertEquals(org.ncsha.ha.FailbackType.AUTOMATIC, form.failback(org.ncsha.ha.FailbackType.MANUAL));
  }

  @Test
  void an_unresolvable_secondary_is_refused() {
    RegistrationForm f = valid();
    f.setSecondaryServer("no-such-host.invalid");
    assertTrue(f.problems().get(0).contains("does not resolve"), f.problems().toString());
  }

  @Test
  void a_virtual_ip_must_be_an_ipv4_address_in_the_servers_subnet() throws Exception {
    Subnet lan = new Subnet(java.net.InetAddress.getByName("10.20.30.1"), 24);
    RegistrationForm f = valid();
    f.setEnableVirtualIp(true);
    assertEquals(List.of("IPv4 Virtual IP: enter the address the servers share, or turn Enable Virtual IP off"), f.problems(lan, null));
    f.setVirtualIpv4("10.20.31.5");
    assertEquals(List.of("IPv4 Virtual IP: 10.20.31.5 is not in the servers' subnet 10.20.30.0/24"), f.problems(lan, null));
    f.setVirtualIpv4("vip.example.com");
    assertTrue(f.problems(lan, null).get(0).contains("is not an IPv4 address"));
    f.setVirtualIpv4("10.20.30.200");
    assertEquals(List.of(), f.problems(lan, null));
    f.setEnableVirtualIp(false);
    f.setVirtualIpv4("10.99.0.1");
    f.setVirtualIpv6("fe80::1");
    assertEquals(List.of(), f.problems(lan, null), "the virtual IP fields count only when it is enabled");
  }

  @Test
  void an_ipv6_virtual_ip_may_not_be_link_local_and_must_be_in_the_servers_ipv6_subnet() throws Exception {
    Subnet lan = new Subnet(java.net.InetAddress.getByName("10.20.30.1"), 24);
    RegistrationForm f = valid();
    f.setEnableVirtualIp(true);
    f.setVirtualIpv4("10.20.30.200");
    f.setVirtualIpv6("fe80::1:2");
    assertEquals(List.of("IPv6 Virtual IP: fe80::1:2 is link-local (fe80::/10), which cannot move between servers;"
        + " use a global or unique local address"), f.problems(lan, null));
    f.setVirtualIpv6("febf::1");
    assertTrue(f.problems(lan, null).get(0).contains("link-local"), "fe80::/10 reaches febf::");
    f.setVirtualIpv6("fd00:20:30::200");
    assertEquals(List.of(), f.problems(lan, null));
    Subnet lan6 = new Subnet(java.net.InetAddress.getByName("fd00:20:30::1"), 64);
    assertEquals(List.of(), f.problems(lan, List.of(lan6)));
    f.setVirtualIpv6("fd00:20:31::200");
    assertEquals(List.of("IPv6 Virtual IP: fd00:20:31::200 is not in the servers' IPv6 subnet fd00:20:30:0:0:0:0:0/64"),
        f.problems(lan, List.of(lan6)));
    assertEquals(List.of("IPv6 Virtual IP: fd00:20:31::200 is not in the servers' IPv6 subnet (this server's interface"
        + " has no global or unique local IPv6 address)"), f.problems(lan, List.of()));
    f.setVirtualIpv6("not-an-address");
    assertEquals(List.of("IPv6 Virtual IP: 'not-an-address' is not an IPv6 address"), f.problems(lan, null));
  }

  @Test
  void the_servers_subnet_comes_from_the_interface_holding_the_address() {
    Subnet lo = Subnet.ofInterfaceHolding("127.0.2.71");
    assertEquals("127.0.0.0/8", lo.toString());
  }
}
