package org.ncsha.vip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VipHost} with the real tools on a real link: this JVM's side of a veth pair (on the host,
 * 10.213.13.1 and fd00:10:213:13::1) and a neighbour in a network namespace at the other end
 * (.2, ::2), which plays both another host that may answer for an address and a client whose
 * neighbour table must follow it. Needs root (a veth, a namespace); skipped otherwise.
 */
class VipHostTest {
  private static final String NS = "ncs-viptest";
  private static final String HOST_IF = "ncsviph";
  private static final String NS_IF = "ncsvipn";
  private static final String OWN = "10.213.13.1";
  private static final String NEIGHBOUR = "10.213.13.2";
  private static final String PREFIX6 = "fd00:10:213:13::";
  private static final TestLink LINK = new TestLink(NS, HOST_IF, NS_IF, OWN, NEIGHBOUR, PREFIX6);

  @TempDir static Path scripts;
  private final VipHost host = new VipHost(OWN, scripts);

  @BeforeAll
  static void link() throws Exception {
    TestLink.assumeRootAndTools("VipHostTest");
    LINK.up();
  }

  @AfterAll
  static void unlink() throws Exception {
    LINK.down();
  }

  @Test
  void the_interface_is_the_one_carrying_the_servers_own_address() {
    assertEquals(HOST_IF, host.interfaceName());
  }

  @Test
  void a_probe_names_the_mac_of_another_host_answering_for_an_address_and_nothing_for_a_free_one() throws Exception {
    assertEquals(Optional.of(mac(true)), host.answeringFrom(NEIGHBOUR));
    assertEquals(Optional.empty(), host.answeringFrom("10.213.13.50"));
    assertEquals(Optional.of(mac(true)), host.answeringFrom(PREFIX6 + "2"));
    assertEquals(Optional.empty(), host.answeringFrom(PREFIX6 + "50"));
  }

  @Test
  void the_probe_script_is_one_file_of_a_fixed_name_in_the_servers_directory_whichever_host_object_runs_it(
      @TempDir Path dir) throws Exception {
    new VipHost(OWN, dir).answeringFrom("10.213.13.51");
    new VipHost(OWN, dir).answeringFrom("10.213.13.52");
    try (Stream<Path> files = Files.list(dir)) {
      // A server killed with kill -9 (deleteOnExit never runs) must not leave one more file per start.
      assertEquals(List.of("arp-probe.py"), files.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(new String(VipHost.class.getResourceAsStream("arp-probe.py").readAllBytes(), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("arp-probe.py")));
  }

  @Test
  void an_added_ipv4_address_is_labelled_answers_and_its_announcement_moves_the_neighbours_cache() throws Exception {
    String vip = "10.213.13.100";
    try {
      sh("ip -n " + NS + " neigh replace " + vip + " lladdr 02:00:00:00:00:01 dev " + NS_IF + " nud stale");
      host.add(vip);
      host.add(vip); // again: nothing changes, no error
      assertTrue(host.holds(vip));
      assertTrue(run("ip", "-o", "addr", "show", "label", HOST_IF + ":vip").contains(vip + "/32"), "labelled, a host address");
      host.announce(vip);
      assertEquals(mac(false), neighbourOf(vip, false), "a gratuitous ARP replaced the old MAC");
      host.remove(vip);
      assertFalse(host.holds(vip));
      host.remove(vip); // not there: nothing to do
    } finally {
      run("ip", "addr", "del", vip + "/32", "dev", HOST_IF);
    }
  }

  @Test
  void an_added_ipv6_address_serves_at_once_and_its_advertisement_moves_the_neighbours_cache() throws Exception {
    String vip = PREFIX6 + "100";
    try {
      sh("ip -n " + NS + " -6 neigh replace " + vip + " lladdr 02:00:00:00:00:01 dev " + NS_IF + " nud stale");
      host.add(vip);
      assertTrue(host.holds(vip));
      // The address's own line: the link's fe80:: address may still be in its own detection.
      String line = run("ip", "-6", "-o", "addr", "show", "dev", HOST_IF).lines().filter(l -> l.contains(" " + vip + "/128 "))
          .findFirst().orElseThrow(() -> new AssertionError(vip + " is not on " + HOST_IF));
      assertFalse(line.contains("tentative"), "no duplicate address detection: " + line);
      host.announce(vip);
      assertEquals(mac(false), neighbourOf(vip, true), "an unsolicited advertisement with Override replaced the old MAC");
      host.remove(vip);
      assertFalse(host.holds(vip));
    } finally {
      run("ip", "-6", "addr", "del", vip + "/128", "dev", HOST_IF);
    }
  }

  /**
   * The systemd unit runs the server as a user with two ambient capabilities, CAP_NET_ADMIN and
   * CAP_NET_RAW: the very tools VipHost runs, as nobody with just these two, add the address and
   * announce it; without them iproute2 is refused.
   */
  @Test
  void the_tools_need_only_the_two_capabilities_the_service_unit_grants() throws Exception {
    String vip = "10.213.13.101";
    String[] asNobody = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
    String[] withCaps = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
        "--inh-caps=+net_admin,+net_raw", "--ambient-caps=+net_admin,+net_raw"};
    try {
      assertTrue(run(concat(asNobody, "ip", "addr", "add", vip + "/32", "dev", HOST_IF)).contains("Operation not permitted"));
      assertFalse(host.holds(vip));
      assertEquals("", run(concat(withCaps, "ip", "addr", "add", vip + "/32", "dev", HOST_IF)).strip());
      assertTrue(host.holds(vip));
      assertTrue(run(concat(withCaps, "arping", "-U", "-c", "1", "-I", HOST_IF, vip)).contains("Sent 1 probes"));
      String v6 = PREFIX6 + "101";
      assertEquals("", run(concat(withCaps, "ip", "-6", "addr", "add", v6 + "/128", "dev", HOST_IF, "nodad")).strip());
      sh("ip -n " + NS + " -6 neigh replace " + v6 + " lladdr 02:00:00:00:00:01 dev " + NS_IF + " nud stale");
      String script = new String(VipHost.class.getResourceAsStream("unsolicited-na.py").readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("", run(concat(withCaps, "/usr/bin/python3", "-c", script, v6, HOST_IF, "1", "0")).strip());
      assertEquals(mac(false), neighbourOf(v6, true));
      assertEquals("", run(concat(withCaps, "ip", "addr", "del", vip + "/32", "dev", HOST_IF)).strip());
      assertEquals("", run(concat(withCaps, "ip", "-6", "addr", "del", v6 + "/128", "dev", HOST_IF)).strip());
    } finally {
      run("ip", "addr", "del", vip + "/32", "dev", HOST_IF);
    }
  }

  private static String[] concat(String[] prefix, String... command) {
    String[] all = java.util.Arrays.copyOf(prefix, prefix.length + command.length);
    System.arraycopy(command, 0, all, prefix.length, command.length);
    return all;
  }

  private static String neighbourOf(String address, boolean ipv6) throws Exception {
    Matcher m = Pattern.compile("lladdr (\\S+)")
        .matcher(run("ip", "-n", NS, ipv6 ? "-6" : "-4", "neigh", "show", address, "dev", NS_IF));
    return m.find() ? m.group(1) : "none";
  }

  /** The MAC of the namespace's end ({@code neighbour}) or of this host's end. */
  private static String mac(boolean neighbour) throws Exception {
    String link = neighbour ? run("ip", "-n", NS, "-o", "link", "show", NS_IF) : run("ip", "-o", "link", "show", HOST_IF);
    Matcher m = Pattern.compile("link/ether (\\S+)").matcher(link);
    assertTrue(m.find(), link);
    return m.group(1);
  }

  private static void sh(String command) throws Exception {
    TestLink.sh(command);
  }

  private static String run(String... command) throws Exception {
    return TestLink.run(command);
  }
}
