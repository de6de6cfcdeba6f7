package org.ncsha.software;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServerRestartTest {
  @Test
  void only_the_ncs_ha_unit_restarts_through_systemd() {
    assertTrue(ServerRestart.inUnit("0::/system.slice/ncs-ha.service\n"), "cgroup v2");
    assertTrue(ServerRestart.inUnit("12:pids:/system.slice/ncs-ha.service\n1:name=systemd:/system.slice/ncs-ha.service\n"),
        "cgroup v1");
    // A lab pair started from another service (a CI runner) inherits INVOCATION_ID, not the unit.
    assertFalse(ServerRestart.inUnit("0::/system.slice/gitlab-runner.service\n"));
    assertFalse(ServerRestart.inUnit("0::/user.slice/user-0.slice/session-3.scope\n"));
    assertFalse(ServerRestart.inUnit("0::/system.slice/ncs-ha.service.d\n"));
    assertFalse(ServerRestart.inUnit(""), "no /proc/self/cgroup");
  }
}
