package org.ncsha.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PortPolicyFilterTest {
  @Test
  void health_monitor_paths_are_the_contracts_hm_endpoints() {
    assertTrue(PortPolicyFilter.isHealthMonitorPath("/api/status"));
    assertTrue(PortPolicyFilter.isHealthMonitorPath("/api/actions/failover"));
    assertTrue(PortPolicyFilter.isHealthMonitorPath("/api/peer/heartbeat"));
    assertTrue(PortPolicyFilter.isHealthMonitorPath("/api/events"));
    assertTrue(PortPolicyFilter.isHealthMonitorPath("/api/logging/download"));
    assertTrue(PortPolicyFilter.isHealthMonitorPath("/api/tofu-certs/127.0.1.2"));
    assertTrue(PortPolicyFilter.isHealthMonitorPath("/hm/index.xhtml"));
  }

  @Test
  void admin_paths_are_not_served_by_the_health_monitor() {
    assertFalse(PortPolicyFilter.isHealthMonitorPath("/api/devices"));
    assertFalse(PortPolicyFilter.isHealthMonitorPath("/api/admin/ha/registration"));
    assertFalse(PortPolicyFilter.isHealthMonitorPath("/admin/ha.xhtml"));
  }

  @Test
  void the_bandwidth_sink_is_a_path_of_its_own() {
    assertTrue(PortPolicyFilter.isBandwidthPath("/api/bandwidth"));
    assertFalse(PortPolicyFilter.isBandwidthPath("/api/status"));
    assertFalse(PortPolicyFilter.isHealthMonitorPath("/api/bandwidth"));
  }
}
