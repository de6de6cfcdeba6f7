package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.VirtualIps;

/** A settings change as the peer receives it: the failover type, the virtual IP and the mail list. */
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
}
