package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailbackType;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.VirtualIps;

/** Peer commands as the receiver queues them: a settings change (failover type, virtual IP, mail list), a failback. */
class PeerCommandMessageTest {

  @Test
  void a_settings_change_carries_the_failback_type_and_virtual_ip_to_the_peers_command() {
    VirtualIps vips = new VirtualIps("10.0.0.101", "fd00::101");
    PeerCommandMessage message = PeerCommandMessage.changeSettings(FailoverType.MANUAL, FailbackType.AUTOMATIC, vips,
        "noc@example.com");
    assertEquals(new Command.AcceptSettings(FailoverType.MANUAL, FailbackType.AUTOMATIC, vips), message.toCommand());
    assertEquals("noc@example.com", message.settingsEmails());
    assertEquals(new Command.AcceptSettings(FailoverType.AUTOMATIC, FailbackType.MANUAL, VirtualIps.NONE),
        PeerCommandMessage.changeSettings(FailoverType.AUTOMATIC, FailbackType.MANUAL, VirtualIps.NONE, "").toCommand(),
        "none stays none");
  }

  @Test
  void a_peer_of_an_earlier_version_sends_no_failback_type_and_the_receivers_is_kept() throws Exception {
    PeerCommandMessage earlier = jakarta.json.bind.JsonbBuilder.create().fromJson(
        "{\"command\":\"change-settings\",\"detail\":\"\",\"failoverType\":\"manual\"}", PeerCommandMessage.class);
    assertEquals(new Command.AcceptSettings(FailoverType.MANUAL, null, VirtualIps.NONE), earlier.toCommand());
    PeerCommandMessage failback = jakarta.json.bind.JsonbBuilder.create().fromJson(
        "{\"command\":\"accept-failback\",\"address\":\"10.0.0.2\",\"failoverType\":\"manual\"}", PeerCommandMessage.class);
    assertEquals(new Command.AcceptFailback("10.0.0.2", FailoverType.MANUAL, null), failback.toCommand());
    assertEquals(null, failback.settingsEmails(), "no mail list sent: the receiver's is kept");
  }

  /** A replaced primary has none of the pair's settings: the failback onto it brings them, the virtual IP too. */
  @Test
  void a_failback_onto_a_primary_carries_the_pairs_virtual_ip_and_mail_list() throws Exception {
    VirtualIps vips = new VirtualIps("10.0.0.100", "fd00::100");
    PeerCommandMessage sent = PeerCommandMessage.acceptFailback("10.0.0.2", FailoverType.AUTOMATIC, FailbackType.MANUAL, vips,
        "noc@example.com");
    var json = jakarta.json.bind.JsonbBuilder.create();
    PeerCommandMessage received = json.fromJson(json.toJson(sent), PeerCommandMessage.class);
    assertEquals(new Command.AcceptFailback("10.0.0.2", FailoverType.AUTOMATIC, FailbackType.MANUAL, vips), received.toCommand());
    assertEquals("noc@example.com", received.settingsEmails());
  }

  @Test
  void a_virtual_ip_that_is_not_an_address_is_refused() {
    PeerCommandMessage message = PeerCommandMessage.changeSettings(FailoverType.MANUAL, FailbackType.MANUAL, VirtualIps.NONE, "");
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
