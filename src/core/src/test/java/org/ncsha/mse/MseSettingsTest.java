package org.ncsha.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class MseSettingsTest {
  private static final MseSettings PRIMARY = MseSettings.INITIAL.withHostname("mse1")
      .withEth0("10.10.10.12", "255.255.255.0", "10.10.10.1").withTimeZone("America/Los_Angeles")
      .withNtpServers(List.of("time.nist.gov")).withRootPasswordVerifier("v1").withAdminServerPasswordVerifier("v2")
      .withHighAvailability(MseSettings.Role.PRIMARY, "eth0", "none", "10.10.10.11", "255.255.255.0", false);

  @Test
  void a_fresh_appliance_lacks_every_mandatory_parameter_in_the_guides_order() {
    assertEquals(List.of("Hostname: Not configured", "Network interface eth0: Not configured",
        "Timezone settings: Not configured", "Root password: Not configured", "NTP settings: Not configured",
        "Prime Infrastructure password: Not configured", "Virtual IP address: Not configured for this Primary MSE"),
        MseSettings.INITIAL.notConfigured());
    assertEquals(List.of(), PRIMARY.notConfigured());
  }

  @Test
  void the_health_monitor_on_eth1_needs_eth1_and_a_secondary_needs_no_virtual_ip() {
    MseSettings onEth1 = PRIMARY.withHighAvailability(MseSettings.Role.SECONDARY, "eth1", "none", "10.10.10.11",
        "255.255.255.0", true);
    assertNull(onEth1.virtualIp(), "a secondary has no virtual IP of its own");
    assertEquals(false, onEth1.recoveryMode(), "recovery mode is a replaced primary's");
    assertEquals(List.of("Network interface eth1: Not configured, and the Health Monitor interface is eth1"),
        onEth1.notConfigured());
    assertEquals("10.20.0.5", onEth1.withEth1("10.20.0.5", "255.255.0.0").healthMonitorAddress());
  }

  @Test
  void what_is_stored_reads_back_the_same_and_an_unconfigured_parameter_is_absent() {
    assertEquals(PRIMARY, MseSettings.fromProperties(PRIMARY.toProperties()));
    assertEquals(MseSettings.INITIAL, MseSettings.fromProperties(MseSettings.INITIAL.toProperties()));
    assertNull(MseSettings.INITIAL.toProperties().getProperty("ntp.servers"), "not configured is not 'disabled'");
    assertEquals("", PRIMARY.withNtpServers(List.of()).toProperties().getProperty("ntp.servers"), "disabled");
  }
}
