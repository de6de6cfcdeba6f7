package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives an IT its pair, shared by all the class's tests: brought up before the first, taken down
 * after the last, also when a test failed. Four kinds: on loopback addresses ({@link #loopback}),
 * with one node's directory on a tmpfs of its own so a test can fill its disk ({@link #tmpfs}),
 * with each node in a network namespace so a test can cut the link ({@link #netns}), or in
 * ha-pair's own network lab, with a client namespace and a virtual IP ({@link #lab}). Mounts and
 * namespaces need root: without it the class is skipped, and says why. Register it as a
 * static field: {@code @RegisterExtension static final PairExtension PAIRS = PairExtension...}.
 * When all the class's tests passed, only the nodes' logs are left of the pair on the disk.
 */
final class PairExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  private final Pair loopbackPair;
  private final String netPrefix;
  private final String netSubnet;
  private final Map<String, String> env = new LinkedHashMap<>();
  private String failover;
  private String tmpfsNode;
  private String tmpfsSize;
  private String labSubnet;
  private boolean single;
  /** A second pair started beside this one, at the same time, and stopped with it ({@link #with}). */
  private PairExtension companion;
  private final List<String> labOptions = new ArrayList<>();
  private NetPair net;
  private boolean companionAfter;
  private volatile boolean failed;

  private PairExtension(Pair loopbackPair, String netPrefix, String netSubnet) {
    this.loopbackPair = loopbackPair;
    this.netPrefix = netPrefix;
    this.netSubnet = netSubnet;
  }

  /** Both nodes on this machine's loopback addresses; the pair's directory is it/target/{@code name}. */
  static PairExtension loopback(String name, String primary, String secondary) {
    return new PairExtension(new Pair(name, primary, secondary), null, null);
  }

  /** Each node in a network namespace of its own on a private bridge ({@link NetPair}), 1 s heartbeats. */
  static PairExtension netns(String prefix, String subnet) {
    return new PairExtension(null, prefix, subnet);
  }

  /**
   * ha-pair's network lab ({@code up --netns}) on the private /24 {@code subnet} ("a.b.c"): the
   * primary at .11, the secondary at .12 and a client namespace at .13; 1 s heartbeats. The
   * pair's directory is it/target/{@code name}.
   */
  static PairExtension lab(String name, String subnet) {
    PairExtension lab = new PairExtension(new Pair(name, subnet + ".11", subnet + ".12"), null, null);
    lab.labSubnet = subnet;
    lab.env("LAB_SUBNET", subnet);
    lab.env("HEARTBEAT_MS", "1000");
    return lab;
  }

  /** Lab only: registers with these virtual IPs (ha-pair up --vip, --vip6; null for none). */
  PairExtension vip(String ipv4, String ipv6) {
    labOptions.addAll(List.of("--vip", ipv4));
    if (ipv6 != null) {
      labOptions.addAll(List.of("--vip6", ipv6));
    }
    return this;
  }

  /** The failover type the pair registers with (ha-pair's default, manual, when not given). */
  PairExtension failover(String type) {
    failover = type;
    return this;
  }

  /** A setting for ha-pair (HEARTBEAT_MS, SMTP_PORT, ...). */
  PairExtension env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /**
   * Starts {@code other} (a loopback pair or single server) together with this one, both
   * {@code ha-pair up} at once (each mostly waits on its own JVMs), and stops it with this one.
   * {@code other} is not registered as an extension itself.
   */
  PairExtension with(PairExtension other) {
    companion = other;
    return this;
  }

  /**
   * As {@link #with}, but {@code other} starts once this one is up: a server on a lab's host
   * address (its bridge's, where the lab's servers reach it) needs the lab first.
   */
  PairExtension then(PairExtension other) {
    companion = other;
    companionAfter = true;
    return this;
  }

  /** Loopback only: the primary alone, without HA (ha-pair up --single): e.g. the admin server of an MSE pair. */
  PairExtension single() {
    single = true;
    return this;
  }

  /** Loopback only: {@code node}'s directory on a tmpfs of {@code size} (mount's size=, e.g. 256m). */
  PairExtension tmpfs(String node, String size) {
    tmpfsNode = node;
    tmpfsSize = size;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (netPrefix != null || tmpfsNode != null || labSubnet != null) {
      Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), context.getDisplayName()
          + " needs root: " + (netPrefix != null || labSubnet != null
              ? "it puts each node in a network namespace (and cuts links with nft)"
              : "it mounts a tmpfs for the " + tmpfsNode));
    }
    if (netPrefix != null) {
      net = NetPair.up(netPrefix, netSubnet, failover == null ? "manual" : failover, env);
      return;
    }
    if (companionAfter) {
      bringUp();
      companion.bringUp();
      return;
    }
    java.util.concurrent.CompletableFuture<Void> beside = companion == null ? null
        : java.util.concurrent.CompletableFuture.runAsync(() -> {
          try {
            companion.bringUp();
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
    try {
      bringUp();
    } finally {
      if (beside != null) {
        // Waits for the companion either way (afterAll stops it); its failure is told only when this one's start succeeded.
        beside.exceptionally(failed -> null).join();
      }
    }
    if (beside != null && beside.isCompletedExceptionally()) {
      try {
        beside.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof Exception x ? x : e;
      }
    }
  }

  /** ha-pair up for a loopback, tmpfs or lab pair, after what an aborted run left is gone. */
  private void bringUp() throws Exception {
    Pair pair = loopbackPair;
    pair.haPair(Duration.ofMinutes(2), "down"); // what an aborted run left
    if (tmpfsNode != null) {
      Pair.command("umount", tmpfsDir().toString()); // an aborted run's mount; fails harmlessly otherwise
    }
    org.ncsha.it.Files.deleteTree(pair.dir);
    if (tmpfsNode != null) {
      Files.createDirectories(tmpfsDir());
      assertEquals(0, Pair.command("mount", "-t", "tmpfs", "-o", "size=" + tmpfsSize + ",mode=755",
          "ncs-" + pair.dir.getFileName(), tmpfsDir().toString()), "mount a tmpfs for the " + tmpfsNode);
    }
    env.forEach(pair::env);
    List<String> up = new ArrayList<>(List.of("up"));
    if (failover != null) {
      up.addAll(List.of("--failover", failover));
    }
    if (single) {
      up.add("--single");
    }
    if (labSubnet != null) {
      up.add("--netns");
      up.addAll(labOptions);
    }
    assertEquals(0, pair.haPair(Duration.ofMinutes(8), up.toArray(String[]::new)), "ha-pair up succeeds");
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    failed = true;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    boolean keepAll = failed || context.getExecutionException().isPresent();
    try {
      finish(keepAll);
    } finally {
      if (companion != null) {
        companion.finish(keepAll);
      }
    }
  }

  /** Stops the pair; unless {@code keepAll} (a failed class keeps everything for whoever looks into it), only logs stay. */
  private void finish(boolean keepAll) throws Exception {
    Path dir = net != null ? net.pair.dir : loopbackPair == null ? null : loopbackPair.dir;
    stop();
    if (dir != null && !keepAll) {
      org.ncsha.it.Files.deleteAllButLogs(dir);
    }
  }

  private void stop() throws Exception {
    if (net != null) {
      net.close();
      net = null;
      return;
    }
    if (loopbackPair == null) {
      return;
    }
    try {
      for (String node : List.of("primary", "secondary")) {
        resume(node);
      }
      loopbackPair.haPair(Duration.ofMinutes(2), "down");
      if (tmpfsNode != null) {
        loopbackPair.keepLogs(tmpfsNode); // the mount and the logs on it go next
      }
    } finally {
      if (tmpfsNode != null) {
        Pair.command("umount", tmpfsDir().toString());
      }
    }
  }

  /** A server a test froze (SIGSTOP) would not stop; one that is not running has nothing to resume. */
  private void resume(String node) {
    try {
      loopbackPair.signalLiberty(node, "CONT");
    } catch (Exception | AssertionError e) {
      // not running, or never started
    }
  }

  private Path tmpfsDir() {
    return loopbackPair.dir.resolve(tmpfsNode);
  }

  /** The loopback pair (known from the start, so a class can keep it in a static field). */
  Pair pair() {
    if (loopbackPair == null) {
      throw new IllegalStateException("a namespace pair: use net()");
    }
    return loopbackPair;
  }

  /** The namespace pair, between the class's first and last test. */
  NetPair net() {
    if (net == null) {
      throw new IllegalStateException("the namespace pair is up only while the class's tests run");
    }
    return net;
  }
}
