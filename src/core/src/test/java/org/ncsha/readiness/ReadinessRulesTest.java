package org.ncsha.readiness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.readiness.CheckStatus.FAIL;
import static org.ncsha.readiness.CheckStatus.PASS;
import static org.ncsha.readiness.CheckStatus.WARNING;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessRulesTest {
  private TestNode p = TestNode.primary();
  private TestNode s = TestNode.secondary();
  private LinkFacts link = TestNode.goodLink();
  private Thresholds limits = Thresholds.defaults();

  private CheckResult run(Check check) {
    CheckSet set = check.in(CheckSet.REGISTRATION) ? CheckSet.REGISTRATION : CheckSet.FAILOVER;
    return ReadinessRules.evaluate(set, p.build(), s.build(), link, limits).stream()
        .filter(r -> r.name().equals(check.displayName())).findFirst().orElseThrow();
  }

  private CheckResult assertStatus(CheckStatus expected, Check check) {
    CheckResult r = run(check);
    assertEquals(expected, r.status(), r.toString());
    if (expected != PASS) {
      assertTrue(!r.impact().isEmpty() && !r.recommendation().isEmpty(), "a non-pass says its impact and what to do: " + r);
    }
    return r;
  }

  private void registered() {
    TestNode[] pair = TestNode.registered();
    p = pair[0];
    s = pair[1];
  }

  @Test
  void a_healthy_unregistered_pair_passes_the_registration_set_except_for_a_virtual_interface() {
    p.linkSpeedMbps = null;
    p.interfaceName = "lo";
    List<CheckResult> all = ReadinessRules.evaluate(CheckSet.REGISTRATION, p.build(), s.build(), link, limits);
    assertEquals(Check.of(CheckSet.REGISTRATION).size(), all.size());
    assertEquals(19, all.size(), "about 15 checks, as the guide says, plus version, clock, virtual IP and Operations"
        + " Center names");
    for (CheckResult r : all) {
      CheckStatus expected = r.name().equals(Check.INTERFACE_BANDWIDTH.displayName()) ? WARNING : PASS;
      assertEquals(expected, r.status(), r.toString());
    }
    assertEquals(WARNING, ReadinessRules.overall(all));
  }

  @Test
  void automatic_failover_without_a_witness_is_a_warning_and_an_unreachable_witness_fails() {
    registered();
    LinkFacts base = link;
    link = withWitness(base, WitnessFacts.none(true));
    CheckResult noWitness = witnessResult();
    assertEquals(WARNING, noWitness.status());
    assertTrue(noWitness.detail().contains("both servers accept writes"), noWitness.detail());
    link = withWitness(base, WitnessFacts.none(false));
    assertEquals(PASS, witnessResult().status());
    link = withWitness(base, new WitnessFacts(true, List.of("http://10.0.0.9:2379"), false, null, "connect timed out"));
    CheckResult lost = witnessResult();
    assertEquals(FAIL, lost.status());
    assertTrue(lost.detail().contains("no failover can happen") && lost.detail().contains("connect timed out"), lost.detail());
    link = withWitness(base, new WitnessFacts(true, List.of("http://10.0.0.9:2379"), true, "10.0.0.1", null));
    CheckResult held = witnessResult();
    assertEquals(PASS, held.status());
    assertTrue(held.detail().contains("held by 10.0.0.1"), held.detail());
  }

  private CheckResult witnessResult() {
    return ReadinessRules.evaluate(CheckSet.FAILOVER, p.build(), s.build(), link, limits).stream()
        .filter(r -> r.name().equals(Check.WITNESS.displayName())).findFirst().orElseThrow();
  }

  private static LinkFacts withWitness(LinkFacts l, WitnessFacts w) {
    return new LinkFacts(l.pingMillis(), l.pingError(), l.bandwidthMbps(), l.latencyMillis(), l.bandwidthError(),
        l.clockOffsetMillis(), l.peerError(), w, null);
  }

  private CheckResult virtualIpResult(VirtualIpFacts v) {
    LinkFacts l = new LinkFacts(link.pingMillis(), link.pingError(), link.bandwidthMbps(), link.latencyMillis(),
        link.bandwidthError(), link.clockOffsetMillis(), link.peerError(), null, v);
    return ReadinessRules.evaluate(CheckSet.REGISTRATION, p.build(), s.build(), l, limits).stream()
        .filter(r -> r.name().equals(Check.VIRTUAL_IP.displayName())).findFirst().orElseThrow();
  }

  @Test
  void a_virtual_ip_must_be_in_the_servers_subnet_and_free() {
    assertEquals(PASS, virtualIpResult(VirtualIpFacts.NONE).status(), "no virtual IP is allowed (devices use both addresses)");
    CheckResult free = virtualIpResult(new VirtualIpFacts(List.of("10.0.0.10"), List.of(), List.of(), null));
    assertEquals(PASS, free.status());
    assertTrue(free.detail().contains("10.0.0.10"), free.detail());
    CheckResult outside = virtualIpResult(new VirtualIpFacts(List.of("10.9.0.10"),
        List.of("10.9.0.10 is not in this server's subnet 10.0.0.0/24"), List.of(), null));
    assertEquals(FAIL, outside.status());
    assertTrue(outside.detail().contains("10.9.0.10 is not in this server's subnet"), outside.detail());
    CheckResult used = virtualIpResult(new VirtualIpFacts(List.of("10.0.0.10"), List.of(),
        List.of("10.0.0.10 (MAC 02:00:00:00:00:01)"), null));
    assertEquals(FAIL, used.status());
    assertTrue(used.detail().contains("MAC 02:00:00:00:00:01"), used.detail());
    assertEquals(WARNING, virtualIpResult(new VirtualIpFacts(List.of("10.0.0.10"), List.of(), List.of(),
        "arping not found")).status());
    CheckResult timedOut = virtualIpResult(new VirtualIpFacts(List.of(), List.of(), List.of(), "did not finish within 10 s"));
    assertEquals(WARNING, timedOut.status(), "facts that could not be gathered are no 'no virtual IP'");
    assertTrue(timedOut.detail().contains("could not check the virtual IP: did not finish"), timedOut.detail());
  }

  @Test
  void the_failover_set_is_the_health_monitor_pages_four_checks_the_clock_the_virtual_ip_the_witness_file_sync_and_names() {
    assertEquals(List.of(Check.CLOCK_OFFSET, Check.DISK_IOPS, Check.INTERFACE_BANDWIDTH, Check.BANDWIDTH_SPEED, Check.SYNC_STATUS,
        Check.VIRTUAL_IP, Check.WITNESS, Check.FILE_SYNC, Check.OPERATIONS_CENTER_NAMES), Check.of(CheckSet.FAILOVER));
    registered();
    assertEquals(PASS, ReadinessRules.overall(ReadinessRules.evaluate(CheckSet.FAILOVER, p.build(), s.build(), link, limits)));
  }

  @Test
  void an_operations_center_named_by_addresses_unresolved_names_or_both_ways_is_warned_of() {
    assertEquals("not an Operations Center", assertStatus(PASS, Check.OPERATIONS_CENTER_NAMES).detail());
    p.address = "oc-a.example.com";
    s.address = "oc-b.example.com";
    p.operationsCenter = new OperationsCenterFacts(true, List.of("pi-1.example.com", "pi-2.example.com"), "oc.example.com",
        List.of());
    s.operationsCenter = new OperationsCenterFacts(true, List.of("pi-1.example.com", "pi-2.example.com"), "oc.example.com",
        List.of());
    assertEquals("both servers and 2 managed instance(s) are named by host names that resolve",
        assertStatus(PASS, Check.OPERATIONS_CENTER_NAMES).detail());

    s.operationsCenter = new OperationsCenterFacts(true, List.of("pi-1.example.com", "10.0.5.2"), null,
        List.of("pi-1.example.com"));
    s.address = "10.0.0.2";
    String detail = assertStatus(WARNING, Check.OPERATIONS_CENTER_NAMES).detail();
    assertTrue(detail.contains("the secondary 10.0.0.2 is named by its IP address, not a host name"), detail);
    assertTrue(detail.contains("these names do not resolve: pi-1.example.com"), detail);
    assertTrue(detail.contains("the managed instances and the SSO server are named both ways (pi-1.example.com,"
        + " pi-2.example.com, 10.0.5.2, oc.example.com)"), detail);
  }

  @Test
  void an_sso_server_named_by_its_address_beside_instances_named_by_host_names_is_warned_of() {
    p.address = "oc-a.example.com";
    s.address = "oc-b.example.com";
    p.operationsCenter = new OperationsCenterFacts(true, List.of("pi-1.example.com"), "10.0.0.100", List.of());
    s.operationsCenter = new OperationsCenterFacts(true, List.of("pi-1.example.com"), "10.0.0.100", List.of());
    String detail = assertStatus(WARNING, Check.OPERATIONS_CENTER_NAMES).detail();
    assertEquals("the managed instances and the SSO server are named both ways (pi-1.example.com, 10.0.0.100)", detail);
  }

  @Test
  void cpu_count_fails_when_the_primary_has_more() {
    assertStatus(PASS, Check.CPU_COUNT);
    p.cpuCount = 8;
    assertTrue(assertStatus(FAIL, Check.CPU_COUNT).recommendation().contains("8"));
  }

  @Test
  void ram_fails_on_memory_and_warns_on_the_data_volume() {
    p.dataVolumeBytes = 500L << 30;
    assertStatus(WARNING, Check.RAM_SIZE);
    p.memoryBytes = 32L << 30;
    assertStatus(FAIL, Check.RAM_SIZE);
  }

  @Test
  void an_unanswering_peer_fails_every_check_that_needs_it_and_names_the_reason() {
    link = new LinkFacts(null, "100% packet loss", null, null, "connection refused", null, "not reachable (connection refused)");
    List<CheckResult> all = ReadinessRules.evaluate(CheckSet.REGISTRATION, p.build(), null, link, limits);
    for (CheckResult r : all) {
      // The virtual IP is checked on this server's own link, and the Operations Center's names on what this server
      // knows of them: neither needs an answer from the peer.
      if (!r.name().equals(Check.VIRTUAL_IP.displayName()) && !r.name().equals(Check.OPERATIONS_CENTER_NAMES.displayName())) {
        assertEquals(FAIL, r.status(), r.toString());
      }
    }
    CheckResult hm = all.stream().filter(r -> r.name().equals("SYSTEM - HEALTH MONITOR STATUS")).findFirst().orElseThrow();
    assertTrue(hm.detail().contains("secondary's Health Monitor did not answer: not reachable"), hm.detail());
  }

  @Test
  void versions_must_match() {
    s.version = "0.2.0";
    assertStatus(FAIL, Check.SOFTWARE_VERSION);
  }

  @Test
  void the_clock_offset_warns_then_fails() {
    link = new LinkFacts(0.2, null, 2000.0, 0.3, null, -5_000L, null);
    assertEquals(5000.0, assertStatus(WARNING, Check.CLOCK_OFFSET).value());
    link = new LinkFacts(0.2, null, 2000.0, 0.3, null, 120_000L, null);
    assertStatus(FAIL, Check.CLOCK_OFFSET);
  }

  @Test
  void disk_iops_needs_200_mbps_on_both_and_reports_the_slowest() {
    s.diskWriteMBps = 150.0;
    assertEquals(150.0, assertStatus(FAIL, Check.DISK_IOPS).value());
    s.diskWriteMBps = null;
    s.diskError = "No space left on device";
    assertTrue(assertStatus(FAIL, Check.DISK_IOPS).detail().contains("No space left"));
    s.diskWriteMBps = 250.0;
    assertEquals(250.0, assertStatus(PASS, Check.DISK_IOPS).value());
  }

  @Test
  void ping_fails_without_an_answer() {
    assertStatus(PASS, Check.PING);
    link = new LinkFacts(null, "timed out", 2000.0, 0.3, null, 0L, null);
    assertStatus(FAIL, Check.PING);
  }

  @Test
  void a_closed_database_port_fails_and_names_the_direction() {
    s.peerDatabasePortError = "timed out";
    CheckResult r = assertStatus(FAIL, Check.FIREWALL_DATABASE_PORT);
    assertTrue(r.detail().startsWith("secondary to primary"), r.detail());
    assertTrue(r.recommendation().contains("never changes a firewall"));
  }

  @Test
  void interface_speed_passes_warns_for_virtual_and_fails_when_slow() {
    assertEquals(1000.0, assertStatus(PASS, Check.INTERFACE_BANDWIDTH).value());
    s.linkSpeedMbps = null;
    assertTrue(assertStatus(WARNING, Check.INTERFACE_BANDWIDTH).detail().contains("reports no link speed"));
    p.linkSpeedMbps = 10;
    assertStatus(FAIL, Check.INTERFACE_BANDWIDTH);
  }

  @Test
  void bandwidth_speed_is_graded_as_the_guide_and_estimates_the_copy_time() {
    CheckResult best = assertStatus(PASS, Check.BANDWIDTH_SPEED);
    assertTrue(best.detail().contains("best for HA") && best.detail().contains("would take about 43 s"), best.detail());
    link = new LinkFacts(0.2, null, 90.0, 150.0, null, 0L, null);
    assertTrue(assertStatus(WARNING, Check.BANDWIDTH_SPEED).detail().contains("acceptable"));
    link = new LinkFacts(0.2, null, 46.0, 330.0, null, 0L, null);
    assertTrue(assertStatus(FAIL, Check.BANDWIDTH_SPEED).detail().contains("at risk"));
    link = new LinkFacts(0.2, null, null, null, "connection refused", 0L, null);
    assertStatus(FAIL, Check.BANDWIDTH_SPEED);
    link = new LinkFacts(0.2, null, 300.0, 60.0, null, 0L, null);
    assertTrue(assertStatus(PASS, Check.BANDWIDTH_SPEED).detail().contains("good"));
  }

  @Test
  void a_restarted_database_passes_and_says_so_and_a_dead_one_fails() {
    s.databaseRestarted = true;
    assertTrue(assertStatus(PASS, Check.LISTENER_STATUS).detail().contains("restarted it on the secondary"));
    s.databaseAnswers = false;
    s.databaseError = "connection refused";
    assertStatus(FAIL, Check.LISTENER_STATUS);
  }

  @Test
  void configuration_errors_fail() {
    p.configErrors = List.of("postgresql.conf line 3: unrecognized configuration parameter \"x\"");
    assertTrue(assertStatus(FAIL, Check.LISTENER_CONFIG).detail().contains("primary 10.0.0.1: postgresql.conf line 3"));
  }

  @Test
  void replication_rules_are_required_once_registered() {
    p.peerReplicationAllowed = false;
    assertStatus(PASS, Check.TNS_CONFIG);
    registered();
    p.peerReplicationAllowed = false;
    assertStatus(FAIL, Check.TNS_CONFIG);
  }

  @Test
  void replication_login_not_yet_allowed_passes_before_registration_but_not_after() {
    p.peerReplicationLogin = "not allowed yet";
    s.peerReplicationLogin = "not allowed yet";
    assertTrue(assertStatus(PASS, Check.TNS_REACHABILITY).detail().contains("granted at registration"));
    s.peerReplicationLogin = "connection refused";
    assertStatus(FAIL, Check.TNS_REACHABILITY);
    registered();
    s.peerReplicationLogin = "password authentication failed";
    assertStatus(FAIL, Check.TNS_REACHABILITY);
  }

  @Test
  void memory_target_fails_on_a_small_dev_shm_or_oversized_shared_buffers() {
    assertStatus(PASS, Check.MEMORY_TARGET);
    s.shmBytes = 32L << 20;
    assertTrue(assertStatus(FAIL, Check.MEMORY_TARGET).detail().contains("/dev/shm is 32 MB"));
    s.shmBytes = 8L << 30;
    p.sharedBuffersBytes = 10L << 30;
    assertStatus(FAIL, Check.MEMORY_TARGET);
  }

  @Test
  void a_cluster_not_in_production_fails_online_status() {
    s.clusterState = "in crash recovery";
    assertStatus(FAIL, Check.ONLINE_STATUS);
  }

  @Test
  void the_standby_instance_needs_a_secondary_and_exactly_one_standby_once_registered() {
    s.installedAsSecondary = false;
    assertStatus(FAIL, Check.STANDBY_INSTANCE);
    registered();
    assertStatus(PASS, Check.STANDBY_INSTANCE);
    s.inRecovery = false;
    assertTrue(assertStatus(FAIL, Check.STANDBY_INSTANCE).detail().contains("neither"));
  }

  @Test
  void sync_status_passes_when_streaming_warns_on_lag_and_fails_when_not_streaming() {
    registered();
    assertStatus(PASS, Check.SYNC_STATUS);
    p.lagSeconds = 30.0;
    assertEquals(30.0, assertStatus(WARNING, Check.SYNC_STATUS).value());
    p.streaming = false;
    assertStatus(FAIL, Check.SYNC_STATUS);
  }

  @Test
  void speeds_in_any_unit_become_mbps_and_bad_input_names_the_field() {
    assertEquals(8000.0, BandwidthUnits.toMbps("readiness.bandwidth.minimum", "1 GBps"));
    assertEquals(800.0, BandwidthUnits.toMbps("f", "100 MBps"));
    assertEquals(0.8, BandwidthUnits.toMbps("f", "100KBps"), 1e-9);
    assertEquals(100.0, BandwidthUnits.toMbps("f", "100 Mbps"));
    var e = assertThrows(IllegalArgumentException.class, () -> BandwidthUnits.toMbps("readiness.bandwidth.minimum", "fast"));
    assertTrue(e.getMessage().startsWith("readiness.bandwidth.minimum must be a number followed by GBps"), e.getMessage());
  }

  private CheckResult fileSync() {
    return ReadinessRules.evaluate(CheckSet.FAILOVER, p.build(), s.build(), link, limits).stream()
        .filter(r -> r.name().equals(Check.FILE_SYNC.displayName())).findFirst().orElseThrow();
  }

  @Test
  void file_sync_is_judged_on_the_sending_server_and_warns_when_failing_pending_or_behind() {
    registered();
    assertEquals(PASS, fileSync().status(), fileSync().detail());
    p.fileSync = new FileSyncFacts(true, 2, null, 3L);
    assertEquals(WARNING, fileSync().status());
    assertTrue(fileSync().detail().startsWith("2 file(s) on primary 10.0.0.1 not yet on the other server"), fileSync().detail());
    p.fileSync = new FileSyncFacts(true, 1, "The Health Monitor at 10.0.0.2 did not answer within 3000 ms", 40L);
    assertTrue(fileSync().detail().contains("is failing: The Health Monitor at 10.0.0.2 did not answer"), fileSync().detail());
    p.fileSync = new FileSyncFacts(true, 0, null, 60L);
    assertEquals(WARNING, fileSync().status());
    assertTrue(fileSync().detail().contains("60 s ago (due every 11 s)"), fileSync().detail());
    // After a failover the secondary sends: it is the one judged.
    p.fileSync = new FileSyncFacts(false, 0, null, null);
    s.fileSync = new FileSyncFacts(true, 0, null, 1L);
    assertEquals(PASS, fileSync().status());
    assertTrue(fileSync().detail().contains("secondary 10.0.0.2"), fileSync().detail());
    s.fileSync = null;
    assertEquals(PASS, fileSync().status(), "no sender: nothing to wait for");
  }
}
