package org.ncsha.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerInfoTest {
  @Test
  void getserverinfo_prints_the_config_then_each_service_with_why_it_is_down() {
    ServerInfo info = new ServerInfo("mse2", "0.1.0", "Secondary", "Secondary Syncing", "VA-3", "10.10.10.13", null,
        List.of(new ServerInfo.Service("Database", "Up", "a standby of the peer's"),
            new ServerInfo.Service(ServerInfo.LOCATION_SERVICE, "Down", "Secondary Syncing: the primary serves")), 24,
        "10.10.10.12");
    assertEquals(List.of("-------------", "Server Config", "-------------", "Product name: ncs-ha Mobility Services Engine",
        "Version: 0.1.0", "Hostname: mse2", "Appliance type: VA-3", "Health Monitor address: 10.10.10.13",
        "Virtual IP: none", "High availability role: Secondary", "HA state: Secondary Syncing", "Paired with: 10.10.10.12", "--------", "Services",
        "--------", "Service Name: Database, Operation Status: Up (a standby of the peer's)",
        "Service Name: Context Aware Service, Operation Status: Down (Secondary Syncing: the primary serves)"),
        info.lines());
    assertEquals(new MseServer("mse2", "10.10.10.13", ApplianceType.VA_3, "0.1.0", null, 24, "10.10.10.12"), info.server());
  }
}
