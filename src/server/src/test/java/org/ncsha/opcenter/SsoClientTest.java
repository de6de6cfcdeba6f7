package org.ncsha.opcenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SsoClientTest {
  @Test
  void the_configuration_names_the_providers_endpoints_and_gives_back_its_host() {
    String issuer = SsoProvider.issuer("oc-vip.example.net");
    String xml = SsoClient.clientXml(issuer, "ncs-10.0.0.5", "s3cret", "pw", "https://10.0.0.5:9443");
    assertEquals(Optional.of("oc-vip.example.net"), SsoClient.issuerHostIn(xml));
    for (String endpoint : new String[] {"/authorize", "/token", "/jwk"}) {
      assertTrue(xml.contains("\"" + issuer + endpoint + "\""), endpoint);
    }
    assertTrue(xml.contains("redirectToRPHostAndPort=\"https://10.0.0.5:9443\""), xml);
    assertTrue(xml.contains("urlPattern=\"" + SsoClient.ENTRY + "\""), xml);
    // Trust is the pinned certificates alone: the virtual IP is in no server's certificate.
    assertTrue(xml.contains("trustStoreRef=\"ssoTrustStore\" sslProtocol=\"TLSv1.3,TLSv1.2\" verifyHostname=\"false\""), xml);
    assertTrue(xml.contains("hostNameVerificationEnabled=\"false\""), xml);
    assertEquals(Optional.empty(), SsoClient.issuerHostIn(SsoProvider.OFF));
  }

  @Test
  void the_trust_store_holds_each_certificate_as_a_trusted_entry_under_its_password() throws Exception {
    KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
    try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(System.getProperty("java.home"), "lib", "security",
        "cacerts"))) {
      cacerts.load(in, null);
    }
    java.util.List<X509Certificate> two = Collections.list(cacerts.aliases()).stream().limit(2)
        .map(a -> {
          try {
            return (X509Certificate) cacerts.getCertificate(a);
          } catch (java.security.KeyStoreException e) {
            throw new IllegalStateException(e);
          }
        }).toList();
    Map<String, X509Certificate> byAddress = new LinkedHashMap<>();
    byAddress.put("10.0.0.100", two.get(0));
    byAddress.put("10.0.0.12", two.get(1));
    byte[] store = SsoClient.trustStore(byAddress, "pw");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(store), "pw".toCharArray());
    assertEquals(2, ks.size());
    assertTrue(ks.isCertificateEntry("10.0.0.100") && ks.isCertificateEntry("10.0.0.12"));
    assertEquals(byAddress, SsoClient.trusted(store, "pw"), "read back by address");
  }

  @Test
  void the_trust_stores_password_is_read_back_from_the_configuration() {
    String xml = SsoClient.clientXml(SsoProvider.issuer("10.0.0.100"), "c", "s", "0a1b2c", "https://10.0.0.5:9443");
    assertEquals(Optional.of("0a1b2c"), SsoClient.trustPasswordIn(xml));
    assertEquals(Optional.empty(), SsoClient.trustPasswordIn(SsoProvider.OFF));
  }
}
