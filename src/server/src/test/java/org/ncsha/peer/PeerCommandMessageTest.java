package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.VirtualIps;

/** Peer commands as the receiver queues them: a settings change (failover type, virtual IP, mail list), a failback. */
class PeerCommandMessageTest {

  @Test
  void a_settings_change_carries_the_virtual_ip_to_the_peers_command() {
    VirtualIps vips = new VirtualIps("10.0.0.101", "fd00::101");
    PeerCommandMessage message = PeerCommandMessage.changeSettings(FailoverType.MANUAL, vips, "noc@example.com");
    assertEquals(new Command.AcceptSettings(FailoverType.MANUAL, vips), message.toCommand());
    assertEquals("noc@example.com", message.settingsEmails());
    assertEquals(new Command.AcceptSettings(FailoverType.AUTOMATIC, VirtualIps.NONE),
        PeerCommandMessage.changeSettings(FailoverType.AUTOMATIC, VirtualIps.NONE, "").toCommand(), "none stays none");
  }

  @Test
  void a_virtual_ip_that_is_not_an_address_is_refused() {
    PeerCommandMessage message = PeerCommandMessage.changeSettings(FailoverType.MANUAL, VirtualIps.NONE, "");
    message.virtualIpv4 = "-f inet";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, message::toCommand);
    assertEquals("virtualIpv4: '-f inet' is not an IP address", e.getMessage());
  }

  @Test
  void a_rolling_updates_switch_back_is_the_secondarys_failback_and_an_unknown_command_is_named() {
    assertEquals(new Command.Failback(), PeerCommandMessage.failback().toCommand());
    PeerCommandMessage unknown = PeerCommandMessage.failback();
    unknown.command = "reboot";
    assertEquals("command: unknown peer command 'reboot'", assertThrows(IllegalArgumentException.class, unknown::toCommand).getMessage());
  }
}
