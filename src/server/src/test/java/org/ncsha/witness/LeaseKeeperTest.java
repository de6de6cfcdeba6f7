package org.ncsha.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ncsha.ha.WitnessView;

/** The leader lease against a real etcd (Debian's etcd-server) on 127.0.3.5. */
class LeaseKeeperTest {
  private static final String ENDPOINT = "http://127.0.3.5:2379";
  private static LocalEtcd etcd;
  /** Removed after the class, with the 120 MB an etcd preallocates (each run left one in /tmp). */
  @org.junit.jupiter.api.io.TempDir static java.nio.file.Path etcdDir;

  @BeforeAll
  static void startEtcd() throws Exception {
    etcd = LocalEtcd.start("127.0.3.5", etcdDir);
  }

  @AfterAll
  static void stopEtcd() throws Exception {
    if (etcd != null) {
      etcd.close();
    }
  }

  private static LeaseKeeper keeper(String key, String address) {
    return keeper(ENDPOINT, Duration.ofMillis(500), key, address);
  }

  private static LeaseKeeper keeper(String endpoint, Duration timeout, String key, String address) {
    return new LeaseKeeper(new EtcdWitness(List.of(endpoint), timeout), key, address,
        Duration.ofSeconds(2), Duration.ofMillis(700), System::nanoTime);
  }

  @Test
  void oneHolderAtATimeAndTheOtherTakesOverOnlyAfterTheLeaseExpired() throws Exception {
    String key = "/ncs-ha/test-a/leader";
    LeaseKeeper a = keeper(key, "10.0.0.1");
    LeaseKeeper b = keeper(key, "10.0.0.2");
    a.step(true);
    assertTrue(a.held(), a.view() + " " + a.lastError());
    b.step(true);
    assertFalse(b.held(), "the key is taken");
    assertEquals("10.0.0.1", b.view().holder());
    assertTrue(b.view().reachable());

    // A stops renewing (a partition): it stops counting the lease as held before etcd expires it.
    Instant silentFrom = Instant.now();
    assertTrue(poll(Duration.ofSeconds(5), () -> !a.held()), "A gives up its lease by itself");
    Duration aGaveUp = Duration.between(silentFrom, Instant.now());
    assertTrue(poll(Duration.ofSeconds(10), () -> {
      b.step(true);
      return b.held();
    }), "B takes the key once A's lease expired");
    Duration bTook = Duration.between(silentFrom, Instant.now());
    assertTrue(aGaveUp.compareTo(bTook) < 0, "A stopped (" + aGaveUp + ") before B took over (" + bTook + ")");

    a.step(true); // A is back: its lease is gone and B holds the key
    assertFalse(a.held());
    assertEquals("10.0.0.2", a.view().holder());
  }

  @Test
  void releasingHandsTheKeyOverAtOnce() throws Exception {
    String key = "/ncs-ha/test-b/leader";
    LeaseKeeper a = keeper(key, "10.0.0.1");
    LeaseKeeper b = keeper(key, "10.0.0.2");
    a.step(true);
    a.step(false); // stepped down: revoked, no waiting for the TTL
    assertFalse(a.held());
    b.step(true);
    assertTrue(b.held());
    assertEquals("10.0.0.2", b.view().holder());
  }

  @Test
  void anUnreachableWitnessIsSaidSoAndNeverGrantsTheLease() {
    LeaseKeeper lost = keeper("http://127.0.3.6:2379", Duration.ofMillis(300), "/ncs-ha/test-c/leader", "10.0.0.1");
    lost.step(true);
    assertFalse(lost.held());
    assertFalse(lost.view().reachable());
    assertTrue(lost.lastError().contains("127.0.3.6"), lost.lastError());
    assertNull(lost.view().holder());
  }

  @Test
  void aMarginAsLongAsTheTtlIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeaseKeeper(
        new EtcdWitness(List.of(ENDPOINT), Duration.ofMillis(300)), "/k", "v", Duration.ofSeconds(2),
        Duration.ofSeconds(2), System::nanoTime));
    assertTrue(e.getMessage().contains("margin"), e.getMessage());
  }

  @Test
  void aRoundWhoseCallsHangDoesNotHoldUpTheFenceCheck() throws Exception {
    String key = "/ncs-ha/test-hang/leader";
    // A witness that takes the connection and never answers: each call waits out its timeout.
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.3.5"))) {
      java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
      List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept());
            accepted.incrementAndGet();
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      LeaseKeeper k = keeper("http://127.0.3.5:" + silent.getLocalPort(), Duration.ofSeconds(4), key, "10.0.0.1");
      Thread round = new Thread(() -> k.step(true));
      round.start();
      assertTrue(poll(Duration.ofSeconds(3), () -> accepted.get() > 0), "the round's call reached the silent witness");
      long began = System.nanoTime();
      WitnessView v = k.view();
      assertFalse(k.held());
      double seconds = (System.nanoTime() - began) / 1e9;
      assertTrue(round.isAlive(), "the round still waits for its answer");
      assertTrue(seconds < 1, "the fence check waited " + seconds + " s behind the round");
      assertFalse(v.leaseHeld());
      round.join(15_000);
      for (java.net.Socket s : held) {
        s.close();
      }
    }
  }

  private static boolean poll(Duration deadline, BooleanSupplier condition) throws InterruptedException {
    Instant end = Instant.now().plus(deadline);
    while (Instant.now().isBefore(end)) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
