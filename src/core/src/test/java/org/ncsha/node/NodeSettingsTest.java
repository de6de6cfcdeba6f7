package org.ncsha.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsTest {
  @TempDir Path dir;

  @Test
  void defaults_are_the_guides_when_the_file_says_nothing() {
    NodeSettings s = NodeSettings.load(dir);
    assertEquals(Duration.ofSeconds(5), s.heartbeatInterval());
    assertEquals(3, s.heartbeatMissLimit());
    assertEquals(8082, s.hmPort());
    assertEquals(9443, s.adminPort());
    assertEquals(8085, s.bandwidthPort());
    assertEquals(5432, s.dbPort());
    assertEquals(2048, s.slotWalLimitMb());
    assertEquals(Duration.ofMinutes(10), s.readinessInterval());
    assertEquals(100.0, s.readinessThresholds().bandwidthMinMbps());
  }

  @Test
  void the_bandwidth_minimum_takes_the_guides_units() throws Exception {
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/node.properties"), "readiness.bandwidth.minimum=25 MBps\n");
    assertEquals(200.0, NodeSettings.load(dir).readinessThresholds().bandwidthMinMbps());
    Files.writeString(dir.resolve("etc/node.properties"), "readiness.bandwidth.minimum=fast\n");
    var e = assertThrows(IllegalArgumentException.class, () -> NodeSettings.load(dir));
    assertTrue(e.getMessage().startsWith("node.properties: readiness.bandwidth.minimum must be a number followed by"), e.getMessage());
  }

  @Test
  void no_mail_server_unless_one_is_named_and_then_its_port_and_sender() throws Exception {
    assertEquals(false, NodeSettings.load(dir).mailServer().configured());
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/node.properties"), "mail.smtp.host= \nmail.smtp.port=25\n");
    assertEquals(false, NodeSettings.load(dir).mailServer().configured(), "an empty host is no mail server");
    Files.writeString(dir.resolve("etc/node.properties"), "mail.smtp.host=smtp.example.com\nmail.smtp.port=2525\nmail.from=nms@example.com\n");
    assertEquals(new MailServer("smtp.example.com", 2525, "nms@example.com"), NodeSettings.load(dir).mailServer());
  }

  @Test
  void reads_the_node_file_written_by_the_launcher() throws Exception {
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/node.properties"),
        "node.name=secondary\nnode.address=127.0.1.2\nha.secondary=yes\nheartbeat.interval.ms=1000\nheartbeat.miss.limit=4\nfailover.holddown.seconds=30\n");
    NodeSettings s = NodeSettings.load(dir);
    assertEquals("127.0.1.2", s.address());
    assertTrue(s.installedAsSecondary());
    assertEquals(Duration.ofSeconds(1), s.heartbeatInterval());
    assertEquals(4, s.heartbeatMissLimit());
    assertEquals(Duration.ofSeconds(30), s.failoverHoldDown());
  }

  @Test
  void a_bad_number_names_the_key_and_the_rule() throws Exception {
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/node.properties"), "heartbeat.miss.limit=three\n");
    var e = assertThrows(IllegalArgumentException.class, () -> NodeSettings.load(dir));
    assertTrue(e.getMessage().contains("heartbeat.miss.limit"), e.getMessage());
    assertTrue(e.getMessage().contains("whole number"), e.getMessage());
  }

  @Test
  void a_slot_wal_limit_below_two_wal_segments_is_refused() throws Exception {
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/node.properties"), "replication.slot.wal.limit.mb=16\n");
    var e = assertThrows(IllegalArgumentException.class, () -> NodeSettings.load(dir));
    assertTrue(e.getMessage().contains("replication.slot.wal.limit.mb must be a whole number of at least 32"), e.getMessage());
  }

  @Test
  void the_automatic_failbacks_delay_is_five_minutes_unless_the_file_says_otherwise() throws Exception {
    assertEquals(Duration.ofMinutes(5), NodeSettings.load(dir).failbackDelay());
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/node.properties"), "failback.delay.seconds=30\n");
    assertEquals(Duration.ofSeconds(30), NodeSettings.load(dir).failbackDelay());
    Files.writeString(dir.resolve("etc/node.properties"), "failback.delay.seconds=-1\n");
    var e = assertThrows(IllegalArgumentException.class, () -> NodeSettings.load(dir));
    assertTrue(e.getMessage().contains("failback.delay.seconds"), e.getMessage());
  }

  @Test
  void a_node_is_a_server_unless_the_file_makes_it_an_mse_of_a_type() throws Exception {
    assertEquals(NodeKind.SERVER, NodeSettings.load(dir).kind());
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/node.properties"), "node.kind=mse\nmse.appliance.type=VA-4\n");
    assertTrue(NodeSettings.load(dir).isMse());
    assertEquals(org.ncsha.mse.ApplianceType.VA_4, NodeSettings.load(dir).applianceType());
    Files.writeString(dir.resolve("etc/node.properties"), "node.kind=router\n");
    var e = assertThrows(IllegalArgumentException.class, () -> NodeSettings.load(dir));
    assertEquals("node.properties: node.kind must be one of server, mse, was 'router'", e.getMessage());
    Files.writeString(dir.resolve("etc/node.properties"), "node.kind=mse\nmse.appliance.type=VA-9\n");
    e = assertThrows(IllegalArgumentException.class, () -> NodeSettings.load(dir));
    assertEquals("node.properties: mse.appliance.type: 'VA-9' is not an MSE type (3355, VA-2, VA-3, VA-4, VA-5)", e.getMessage());
  }
}
