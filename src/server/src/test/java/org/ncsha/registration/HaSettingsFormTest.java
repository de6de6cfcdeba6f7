package org.ncsha.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ncsha.ha.VirtualIps;
import org.ncsha.readiness.Subnet;

/** The settings of a running pair: the registration's field rules, and a virtual IP that may change or go. */
class HaSettingsFormTest {
  private static final VirtualIps CURRENT = new VirtualIps("10.20.30.100", "fd00:20:30::100");
  private static final String SECONDARY = "10.20.30.12";

  private static HaSettingsForm form(String vip4, String vip6) {
    HaSettingsForm f = new HaSettingsForm();
    f.setFailoverType("automatic");
    f.setEmailAddress("noc@example.com");
    f.setVirtualIpv4(vip4);
    f.setVirtualIpv6(vip6);
    return f;
  }

  private static List<String> problems(HaSettingsForm f) throws Exception {
    Subnet lan = new Subnet(InetAddress.getByName("10.20.30.1"), 24);
    Subnet lan6 = new Subnet(InetAddress.getByName("fd00:20:30::1"), 64);
    return f.problems(CURRENT, lan, List.of(lan6), SECONDARY);
  }

  @Test
  void a_field_left_out_keeps_the_current_address_and_an_empty_one_removes_it() throws Exception {
    assertEquals(CURRENT, form(null, null).virtualIps(CURRENT), "a change of the Failover Type alone keeps the address");
    assertEquals(VirtualIps.NONE, form("", "").virtualIps(CURRENT));
    assertEquals(new VirtualIps("10.20.30.101", null), form(" 10.20.30.101 ", "").virtualIps(CURRENT));
    assertEquals(List.of(), problems(form("", "")));
    assertEquals(List.of(), problems(form("10.20.30.101", null)));
  }

  @Test
  void the_failback_type_left_out_is_kept() {
    HaSettingsForm form = new HaSettingsForm();
    assertEquals(org.ncsha.ha.FailbackType.AUTOMATIC, form.failback(org.ncsha.ha.FailbackType.AUTOMATIC));
    form.setFailbackType("manual");
    assertEquals(org.ncsha.ha.FailbackType.MANUAL, form.failback(org.ncsha.ha.FailbackType.AUTOMATIC));
  }

  @Test
  void the_email_list_left_out_is_kept_and_an_empty_one_means_none() {
    List<String> current = List.of("noc@example.com", "oncall@example.org");
    HaSettingsForm f = form(null, null);
    f.setEmailAddress(null);
    assertEquals(current, f.emails(current), "a change of the Failover Type alone keeps the list");
    f.setEmailAddress("");
    assertEquals(List.of(), f.emails(current));
    f.setEmailAddress("ops@example.com");
    assertEquals(List.of("ops@example.com"), f.emails(current));
  }

  @Test
  void the_current_address_written_another_way_is_the_current_one() {
    assertEquals(CURRENT, form("10.20.30.100", "fd00:20:30:0:0:0:0:100").virtualIps(CURRENT), "nothing moves");
  }

  @Test
  void a_new_address_follows_the_registration_rules_naming_the_field() throws Exception {
    assertEquals(List.of("IPv4 Virtual IP: 10.20.31.5 is not in the servers' subnet 10.20.30.0/24"),
        problems(form("10.20.31.5", null)));
    assertEquals(List.of("IPv4 Virtual IP: 'vip.example.com' is not an IPv4 address (four numbers 0-255 separated by dots)"),
        problems(form("vip.example.com", null)));
    assertEquals(List.of("IPv4 Virtual IP: must not be the secondary server's own address"), problems(form(SECONDARY, null)));
    assertEquals(List.of("IPv6 Virtual IP: fe80::1 is link-local (fe80::/10), which cannot move between servers;"
        + " use a global or unique local address"), problems(form(null, "fe80::1")));
    assertEquals(List.of("IPv6 Virtual IP: fd00:20:31::100 is not in the servers' IPv6 subnet fd00:20:30:0:0:0:0:0/64"),
        problems(form(null, "fd00:20:31::100")));
  }

  @Test
  void an_ipv6_virtual_ip_goes_with_an_ipv4_one() throws Exception {
    assertEquals(List.of("IPv4 Virtual IP: enter the address the servers share: an IPv6 virtual IP goes with an IPv4 one"
        + " (leave both empty for none)"), problems(form("", null)));
  }

  @Test
  void the_current_address_is_not_checked_again_and_the_other_fields_keep_their_rules() throws Exception {
    HaSettingsForm f = form(null, null);
    Subnet elsewhere = new Subnet(InetAddress.getByName("192.168.1.1"), 24);
    assertEquals(List.of(), f.problems(CURRENT, elsewhere, List.of(), SECONDARY),
        "an address the pair has is not refused because of where this server is now");
    f.setFailoverType("sometimes");
    f.setEmailAddress("noc");
    assertEquals(List.of("Failover Type: must be Manual or Automatic, was 'sometimes'",
        "Email Address: 'noc' is not an e-mail address (use a comma-separated list of name@domain)"), problems(f));
  }
}
