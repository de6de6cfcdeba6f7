package org.ncsha.oc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostAddressTest {
  @Test
  void host_names_and_address_literals_pass() {
    for (String ok : new String[] {"pi-1.example.com", "ncs", "10.0.0.5", " 10.0.0.5 ", "fd00::5", "2001:db8:0:0::1"}) {
      assertEquals(Optional.empty(), HostAddress.problem("address", ok), ok);
    }
  }

  @Test
  void each_refusal_names_the_field_and_the_rule() {
    assertEquals(Optional.of("address: the server's host name or IP address is required"), HostAddress.problem("address", " "));
    assertTrue(HostAddress.problem("address", "https://pi.example.com").orElseThrow().startsWith(
        "address: 'https://pi.example.com' is neither an IP address nor a host name"));
    assertTrue(HostAddress.problem("address", "pi.example.com:9443").isPresent());
    assertTrue(HostAddress.problem("address", "-pi.example.com").isPresent());
    assertTrue(HostAddress.problem("address", "pi..example.com").isPresent());
    assertEquals(Optional.of("address: '10.0.0.256' is not an IPv4 address (four numbers from 0 to 255)"),
        HostAddress.problem("address", "10.0.0.256"));
    assertTrue(HostAddress.problem("address", "a".repeat(254)).orElseThrow().startsWith("address: at most 253"));
  }

  @Test
  void readiness_tells_host_names_from_addresses_and_urls_bracket_ipv6() {
    assertTrue(HostAddress.isHostName("pi.example.com"));
    assertFalse(HostAddress.isHostName("10.0.0.5"));
    assertFalse(HostAddress.isHostName("fd00::5"));
    assertEquals("[fd00::5]", HostAddress.urlHost("fd00::5"));
    assertEquals("pi.example.com", HostAddress.urlHost("pi.example.com"));
  }
}
