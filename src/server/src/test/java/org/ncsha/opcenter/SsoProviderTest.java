package org.ncsha.opcenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsoProviderTest {
  @Test
  void the_configuration_gives_back_its_issuer_and_key_password() {
    String xml = SsoProvider.providerXml(SsoProvider.issuer("oc.example.net"), "0123abcd");
    assertEquals(Optional.of("oc.example.net"), SsoProvider.issuerHostIn(xml));
    assertEquals(Optional.of("0123abcd"), SsoProvider.keyPasswordIn(xml));
    assertTrue(xml.contains("issuerIdentifier=\"https://oc.example.net:9443/oidc/endpoint/ncs\""), xml);
  }

  @Test
  void an_ipv6_issuer_is_bracketed_in_the_url_and_not_in_the_host() {
    String xml = SsoProvider.providerXml(SsoProvider.issuer("fd00:10::100"), "ff");
    assertTrue(xml.contains("https://[fd00:10::100]:9443/oidc/endpoint/ncs"), xml);
    assertEquals(Optional.of("fd00:10::100"), SsoProvider.issuerHostIn(xml));
  }

  @Test
  void the_empty_include_has_no_issuer() {
    assertEquals(Optional.empty(), SsoProvider.issuerHostIn(SsoProvider.OFF));
    assertEquals(Optional.empty(), SsoProvider.keyPasswordIn(SsoProvider.OFF));
  }
}
