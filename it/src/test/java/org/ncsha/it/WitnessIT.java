package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.ncsha.witness.LocalEtcd;

/**
 * The optional witness (issue 11): an automatic-failover pair in network namespaces whose
 * nodes keep a leader lease in a real etcd on the bridge's host side. etcd lost while the pair
 * is healthy changes nothing (failsafe); a primary cut off from both the secondary and the
 * witness fences itself before the secondary takes the lease and promotes, so at no moment do
 * both accept writes. Heartbeats 1 s, so the lease TTL is 3 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("netns")
class WitnessIT {
  @RegisterExtension
  static final PairExtension NET = PairExtension.netns("ncswi", "10.213.10").failover("automatic")
      .env("WITNESS_ENDPOINTS", "http://10.213.10.1:2379");
  private static NetPair p;
  private static LocalEtcd etcd;

  @BeforeAll
  static void up() throws Exception {
    p = NET.net();
    etcd = LocalEtcd.start(p.net.hostAddress(), p.pair.dir.resolve("witness"));
  }

  @AfterAll
  static void down() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static String status(String node) throws Exception {
    return p.pair.get(node, 8082, "/api/status", null, null).body();
  }

  @Test
  @Order(10)
  void the_serving_primary_holds_the_lease_and_a_lost_witness_changes_nothing() throws Exception {
    String primary = p.pair.address("primary");
    Pair.await("the primary holds the lease", Duration.ofSeconds(60), () -> {
      String s = status("primary");
      return Json.has(s, "leaseHolder", primary) && Json.has(s, "leaseHeldHere", "true");
    });
    Pair.await("the secondary sees the primary as the holder", Duration.ofSeconds(15),
        () -> Json.has(status("secondary"), "leaseHolder", primary));
    String readiness = p.pair.post("primary", 8082, "/api/readiness", "root", p.pair.get("AUTH_KEY"), null).body();
    assertEquals("Pass", CopyFaultsIT.status(readiness, "HA - WITNESS"), readiness);

    etcd.kill();
    Pair.await("the primary sees the witness gone", Duration.ofSeconds(30),
        () -> Json.has(status("primary"), "reachable", "false"));
    // Several lease lifetimes without the witness: the secondary still answers as a standby.
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int n = 0;
    while (System.nanoTime() < until && n < 50) {
      assertEquals(201, p.writeDevice("primary", "no-witness-" + n++), "failsafe: the primary keeps serving");
      String s = status("primary");
      assertTrue(Json.has(s, "state", "Primary Active") && Json.has(s, "fenced", "false"), s);
      assertEquals("Secondary Syncing", p.pair.state("secondary"), "no failover without the witness");
    }
    etcd.start();
    Pair.await("the primary holds the lease again", Duration.ofSeconds(60),
        () -> Json.has(status("primary"), "leaseHeldHere", "true"));
    assertFalse(p.events("primary").contains("Fenced"), "failsafe: never fenced while the secondary answered");
  }

  @Test
  @Order(20)
  void a_primary_cut_off_from_secondary_and_witness_fences_before_the_secondary_serves() throws Exception {
    List<long[]> primaryAccepted = new CopyOnWriteArrayList<>();
    List<long[]> secondaryAccepted = new CopyOnWriteArrayList<>();
    List<String> secondaryNames = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    long cutAt;
    try {
      Future<?> onPrimary = writers.submit(() -> write("primary", "wp-", primaryAccepted, null, stop));
      Future<?> onSecondary = writers.submit(() -> write("secondary", "ws-", secondaryAccepted, secondaryNames, stop));
      Pair.await("the primary takes writes", Duration.ofSeconds(20), () -> primaryAccepted.size() >= 3);
      cutAt = System.nanoTime();
      p.net.cutPrimaryAndItsWitness(p.net.hostAddress());
      Pair.await("the secondary takes writes", Duration.ofSeconds(90), () -> secondaryAccepted.size() >= 10);
      stop.set(true);
      onPrimary.get(60, TimeUnit.SECONDS);
      onSecondary.get(60, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      writers.shutdownNow();
    }
    long lastOnPrimary = primaryAccepted.stream().mapToLong(a -> a[1]).max().orElseThrow();
    long firstOnSecondary = secondaryAccepted.stream().mapToLong(a -> a[0]).min().orElseThrow();
    // a[0]: when the request was sent, a[1]: when its 201 arrived. No acknowledged write on the
    // primary may be answered after the secondary was asked for its first acknowledged one.
    assertTrue(lastOnPrimary < firstOnSecondary, "two writers: the primary acknowledged a write "
        + (lastOnPrimary - firstOnSecondary) / 1_000_000 + " ms after the secondary's first");
    long failoverMs = (firstOnSecondary - cutAt) / 1_000_000;
    System.out.println("WitnessIT: the secondary took its first write " + failoverMs + " ms after the cut; the primary's"
        + " last acknowledged write came " + (lastOnPrimary - cutAt) / 1_000_000 + " ms after the cut");
    assertTrue(Json.has(status("primary"), "fenced", "true"), status("primary"));
    assertEquals(503, p.writeDevice("primary", "refused-while-fenced"));
    assertTrue(p.events("primary").contains("Fenced: this server serves"), "the fence is an event");

    p.net.heal();
    p.awaitStates("the fenced primary steps down", 180, "Primary Syncing", "Secondary Active");
    for (String name : secondaryNames) {
      assertTrue(p.hasDevice("primary", name), "acknowledged by the secondary and kept: " + name);
    }
    assertTrue(Json.has(status("secondary"), "leaseHeldHere", "true"), status("secondary"));
    assertTrue(p.events("primary").contains("Fence cleared: this server no longer serves"), "the fence ends with the step-down");
  }

  /** Writes a device every 100 ms (at most 600) and records each acknowledged one's send and answer times. */
  private static void write(String node, String prefix, List<long[]> accepted, List<String> names, AtomicBoolean stop) {
    for (int i = 0; i < 600 && !stop.get(); i++) {
      String name = prefix + i;
      long sent = System.nanoTime();
      try {
        if (p.writeDevice(node, name) == 201) {
          accepted.add(new long[] {sent, System.nanoTime()});
          if (names != null) {
            names.add(name);
          }
        }
      } catch (Exception e) {
        // a refused or cut connection is not an acknowledged write
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
