package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.ha.LocalMode;
import org.ncsha.ha.VirtualIps;
import org.ncsha.store.InMemoryHaStore;
import org.ncsha.vip.TestLink;
import org.ncsha.vip.VipHost;

/**
 * The pair's virtual IP changed on a running pair, with the real tools on a real link (a veth
 * pair, as {@code VipHostTest}): the server holding it lets the old address go at once and keeps
 * an address that stays, the next acquisition takes the new one, and an empty virtual IP leaves
 * nothing. Needs root; skipped otherwise.
 */
class VirtualIpKeeperTest {
  private static final String OWN = "10.213.14.1";
  private static final TestLink LINK =
      new TestLink("ncs-keepertest", "ncskeeph", "ncskeepn", OWN, "10.213.14.2", "fd00:10:213:14::");
  private static final String OLD = "10.213.14.100";
  private static final String NEW = "10.213.14.101";
  private static final String SIX = "fd00:10:213:14::100";

  @TempDir Path nodeDir;
  private final InMemoryHaStore store = new InMemoryHaStore();
  private VipHost host;
  private VirtualIpKeeper keeper;

  @BeforeAll
  static void link() throws Exception {
    TestLink.assumeRootAndTools("VirtualIpKeeperTest");
    LINK.up();
  }

  @AfterAll
  static void unlink() throws Exception {
    LINK.down();
  }

  @BeforeEach
  void keeper() {
    keeper = new VirtualIpKeeper();
    keeper.node = TestSettings.of(nodeDir, "node.address=" + OWN);
    host = new VipHost(OWN, nodeDir.resolve("scripts"));
    keeper.store = store;
    // The acquisition runs on the caller's thread, so each test sees it done.
    keeper.background = new BackgroundActions() {
      @Override
      public void acquireVirtualIp(VirtualIpKeeper k, String state) {
        k.acquireNow(state);
      }
    };
    store.row.setVirtualIpv4(OLD);
    store.row.setVirtualIpv6(SIX);
  }

  @AfterEach
  void releaseAll() {
    keeper.release("test ends");
  }

  @Test
  void the_holder_lets_the_old_address_go_keeps_the_one_that_stays_and_then_takes_the_new_one() throws Exception {
    keeper.acquire("Primary Active");
    assertTrue(host.holds(OLD) && host.holds(SIX));
    assertEquals(LocalMode.VirtualIp.HELD, keeper.observe());

    keeper.change(new VirtualIps(NEW, SIX), "Primary Active");
    assertFalse(host.holds(OLD), "the old address is gone at once");
    assertTrue(host.holds(SIX), "the address that stays is not taken down");
    assertEquals(NEW, store.row.getVirtualIpv4());
    assertEquals(SIX, store.row.getVirtualIpv6());
    assertEquals(LocalMode.VirtualIp.PARTLY_HELD, keeper.observe(), "the new address is not here yet, the one that stays is");
    assertTrue(store.events.contains("Primary Active: Virtual IP " + OLD
        + " released from this server: the pair's virtual IP changed"), store.events.toString());

    keeper.acquire("Primary Active");
    assertTrue(host.holds(NEW) && host.holds(SIX) && !host.holds(OLD));
    assertEquals(LocalMode.VirtualIp.HELD, keeper.observe());
    String held = Files.readString(nodeDir.resolve("run/virtual-ips"));
    assertTrue(held.contains(NEW) && held.contains(SIX) && !held.contains(OLD), "what ncs-server stop removes: " + held);
  }

  @Test
  void an_ipv6_address_alone_is_still_announced_three_times_a_second_apart() throws Exception {
    store.row.setVirtualIpv4(null);
    long began = System.nanoTime();
    keeper.acquire("Primary Active");
    double seconds = (System.nanoTime() - began) / 1e9;
    assertTrue(host.holds(SIX));
    // Three announcements a second apart take two seconds at least (they left together before).
    assertTrue(seconds >= 2.0, "took " + seconds + " s");
    assertTrue(store.events.contains("Primary Active: Virtual IP " + SIX + " added on " + host.interfaceName()
        + " of this server; announcing it to the link"), store.events.toString());
  }

  @Test
  void an_empty_virtual_ip_releases_every_address_and_leaves_nothing_to_repair() throws Exception {
    keeper.acquire("Primary Active");
    keeper.change(VirtualIps.NONE, "Primary Active");
    assertFalse(host.holds(OLD) || host.holds(SIX));
    assertEquals(LocalMode.VirtualIp.NONE, keeper.observe(), "nothing configured, nothing left over");
    assertEquals("", Files.readString(nodeDir.resolve("run/virtual-ips")));
    assertEquals(null, keeper.statusDocument());
  }

  @Test
  void half_of_it_left_on_a_server_is_seen_as_partly_held_and_released_whole() {
    // What a release that removed the IPv4 address and failed on the IPv6 one leaves behind.
    host.add(SIX);
    assertEquals(LocalMode.VirtualIp.PARTLY_HELD, keeper.observe());
    assertTrue(keeper.summary().contains("only partly on this server"), keeper.summary());
    assertEquals(false, keeper.statusDocument().get("heldHere"));
    keeper.release("Secondary Syncing");
    assertFalse(host.holds(SIX));
    assertEquals(LocalMode.VirtualIp.NOT_HELD, keeper.observe());
  }

  @Test
  void a_server_that_does_not_hold_it_only_stores_the_new_address() {
    keeper.change(new VirtualIps(NEW, null), "Secondary Syncing");
    assertFalse(host.holds(OLD) || host.holds(NEW) || host.holds(SIX));
    assertEquals(NEW, store.row.getVirtualIpv4());
    assertEquals(null, store.row.getVirtualIpv6());
    assertEquals(java.util.List.of(), store.events);
  }
}
