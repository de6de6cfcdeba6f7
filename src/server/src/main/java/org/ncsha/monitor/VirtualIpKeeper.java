package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.ha.LocalMode;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaConfigRecord;
import org.ncsha.store.HaStore;
import org.ncsha.vip.VipHost;
import org.ncsha.ha.VirtualIps;

/**
 * Holds the pair's virtual IP on this server while its state holds it (it serves writes, or is
 * promoting: {@code ModeRules} asks): acquiring probes the link first and never adds an address
 * another host answers for, then adds it and announces it several times, spaced, against lost
 * packets and stale caches; all off the loop's thread, since a probe waits 0.3 s. Releasing is immediate, on the loop's thread,
 * so a server that stops serving has let go before anything else happens; so does a Health
 * Monitor that shuts down. What is held is also written to {@code run/virtual-ips}, from which
 * {@code ncs-server stop} (systemd's ExecStop, run after a crash too) removes it when the JVM
 * could not. Outcomes are events.
 */
@ApplicationScoped
public class VirtualIpKeeper {
  private static final Logger LOG = Logger.getLogger(VirtualIpKeeper.class.getName());
  /** Gratuitous ARPs / neighbour advertisements after taking the address, a second apart (keepalived sends 5). */
  static final int ANNOUNCEMENTS = 3;
  static final java.time.Duration ANNOUNCE_EVERY = java.time.Duration.ofSeconds(1);

  @Inject NodeSettings node;
  @Inject HaStore store;
  @Inject BackgroundActions background;

  private final Object lock = new Object();
  private final AtomicBoolean acquiring = new AtomicBoolean();
  /** Whether the decider wants the address here: an acquisition in flight checks it before adding. */
  private volatile boolean wanted;
  /** What this server added, so that it is released even after Remove HA forgot the configuration. */
  private final Set<String> added = new LinkedHashSet<>();
  private volatile Instant lastAnnounced;
  /** The last "answers elsewhere" said, so that a retry every cycle does not repeat the event. */
  private volatile String refusal;
  private VipHost host;

  /** The virtual addresses of this pair's HA configuration (none before registration and after Remove HA). */
  public VirtualIps configured() {
    HaConfigRecord row = store.config();
    return new VirtualIps(row.getVirtualIpv4(), row.getVirtualIpv6());
  }

  /** What the loop saw at its last tick: the configured addresses, and how many of them are on this server. */
  private record Seen(VirtualIps vips, long held) {
    boolean allHeld() {
      return held > 0 && held == vips.addresses().size();
    }
  }

  private volatile Seen seen = new Seen(VirtualIps.NONE, 0);

  /** {@code vips} and how many of them are on this server's interface now. */
  private Seen look(VirtualIps vips) {
    return new Seen(vips, vips.addresses().stream().filter(a -> host().holds(a)).count());
  }

  /**
   * Once a tick, for the decider ({@code LocalModeProbe}): where the virtual IP stands on this
   * server. The status document and the pages show what this saw, so that they read neither the
   * store nor the interfaces themselves.
   */
  LocalMode.VirtualIp observe() {
    VirtualIps vips = configured();
    seen = look(vips);
    if (vips.configured()) {
      return seen.allHeld() ? LocalMode.VirtualIp.HELD
          : seen.held() > 0 ? LocalMode.VirtualIp.PARTLY_HELD : LocalMode.VirtualIp.NOT_HELD;
    }
    // Not configured: an address added before Remove HA forgot it may still be here.
    Set<String> leftOver;
    synchronized (lock) {
      leftOver = new LinkedHashSet<>(added);
    }
    return leftOver.stream().anyMatch(a -> host().holds(a)) ? LocalMode.VirtualIp.HELD_UNCONFIGURED : LocalMode.VirtualIp.NONE;
  }

  /** Starts taking the addresses (off this thread); nothing when an acquisition is under way. */
  void acquire(String state) {
    wanted = true;
    if (acquiring.compareAndSet(false, true)) {
      try {
        background.acquireVirtualIp(this, state);
      } catch (RuntimeException e) {
        acquiring.set(false);
        throw e;
      }
    }
  }

  /** The acquisition itself, on an asynchronous thread of {@link BackgroundActions}. */
  void acquireNow(String state) {
    try {
      List<String> missing = configured().addresses().stream().filter(a -> wanted && !host().holds(a)).toList();
      // Probed together: each waits a while ({@code VipHost.answeringFrom}).
      Map<String, java.util.concurrent.CompletableFuture<Optional<String>>> probes = new LinkedHashMap<>();
      for (String address : missing) {
        probes.put(address, java.util.concurrent.CompletableFuture.supplyAsync(() -> host().answeringFrom(address)));
      }
      for (String address : missing) {
        take(address, probes.get(address).join(), state);
      }
      announceSpaced(state);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Taking the virtual IP failed", e);
      event(state, "Taking the virtual IP failed: " + e.getMessage());
    } finally {
      acquiring.set(false);
    }
  }

  private void take(String address, Optional<String> other, String state) {
    if (other.isPresent()) {
      String said = address + "@" + other.get();
      if (!said.equals(refusal)) {
        refusal = said;
        event(state, "Virtual IP " + address + " answers from another host (MAC " + other.get()
            + "): not added here, so that it is never on both servers; tried again each cycle");
      }
      return;
    }
    synchronized (lock) {
      if (!wanted || !configured().addresses().contains(address)) {
        return; // released, or no longer the pair's address (a settings change), while the probe ran
      }
      host().add(address);
      added.add(address);
      writeHeld();
    }
    refusal = null;
    event(state, "Virtual IP " + address + " added on " + host().interfaceName() + " of this server; announcing it to the link");
  }

  /**
   * Announcements a second apart, each only while the address is still wanted and here; the IPv6
   * one, which does not wait, first. arping waits out a second after each IPv4 one; with an IPv6
   * address alone the rounds are paced here, or the three would leave together and a switch that
   * dropped the first would likely drop all three.
   */
  private void announceSpaced(String state) {
    List<String> addresses = new java.util.ArrayList<>(configured().addresses());
    java.util.Collections.reverse(addresses);
    Long roundBegan = null;
    for (int i = 0; i < ANNOUNCEMENTS; i++) {
      // From the start of the round before (arping's own second counts), on the monotonic clock.
      if (roundBegan != null && !paced(roundBegan + ANNOUNCE_EVERY.toNanos())) {
        return;
      }
      roundBegan = System.nanoTime();
      boolean sent = false;
      for (String address : addresses) {
        if (wanted && host().holds(address)) {
          host().announce(address);
          sent = true;
        }
      }
      if (!sent) {
        return;
      }
      lastAnnounced = Instant.now();
    }
  }

  /** Waits until {@code nextNanos} (System.nanoTime), if it is still to come; false when interrupted (the server stops). */
  private static boolean paced(long nextNanos) {
    long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(nextNanos - System.nanoTime());
    if (millis <= 0) {
      return true;
    }
    try {
      Thread.sleep(millis); // the pace of the announcements, not a wait for a condition
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Removes every virtual address from this server, now. */
  void release(String state) {
    wanted = false;
    refusal = null;
    Set<String> all = new LinkedHashSet<>(configured().addresses());
    synchronized (lock) {
      all.addAll(added);
      for (String address : all) {
        if (host().holds(address)) {
          host().remove(address);
          event(state, "Virtual IP " + address + " released from this server");
        }
        added.remove(address);
      }
      writeHeld();
    }
  }

  /**
   * The pair's virtual IP becomes {@code to} (a settings change on the running pair): each address
   * this server holds that is no longer one of them goes now, and {@code to} is stored, under the
   * lock an acquisition adds under, so that none of the old addresses is added afterwards. An
   * address kept from before stays, without a moment's gap; ACQUIRE_VIP takes the new ones.
   */
  void change(VirtualIps to, String state) {
    refusal = null;
    synchronized (lock) {
      Set<String> leaving = new LinkedHashSet<>(configured().addresses());
      leaving.addAll(added);
      leaving.removeAll(to.addresses());
      for (String address : leaving) {
        if (host().holds(address)) {
          host().remove(address);
          event(state, "Virtual IP " + address + " released from this server: the pair's virtual IP changed");
        }
        added.remove(address);
      }
      store.updateConfig(row -> {
        row.setVirtualIpv4(to.ipv4());
        row.setVirtualIpv6(to.ipv6());
      });
      writeHeld();
      // The status and the pages show the new addresses from now on, not only from the next tick.
      seen = look(to);
    }
  }

  /** A Health Monitor that stops holds nothing: the other server can take the address at once. */
  @jakarta.annotation.PreDestroy
  void shutdown() {
    try {
      release("Health Monitor stopping");
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not release the virtual IP while stopping", e);
    }
  }

  /** {@code run/virtual-ips}: "address interface" per line, what {@code ncs-server stop} removes. */
  private void writeHeld() {
    java.nio.file.Path file = node.nodeDir().resolve("run/virtual-ips");
    StringBuilder text = new StringBuilder();
    for (String address : added) {
      text.append(address).append(' ').append(host().interfaceName()).append('\n');
    }
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, text);
    } catch (java.io.IOException e) {
      LOG.warning("Could not write " + file + ": " + e.getMessage());
    }
  }

  /** The MAC of another host that answers for the address where this server should hold it; null when none does. */
  public String answeringElsewhere() {
    String other = refusal;
    return other == null ? null : other.substring(other.indexOf('@') + 1);
  }

  /** The pages' Virtual IP row: where it is, as the loop last saw it; null without a virtual IP. */
  public String summary() {
    Seen now = seen;
    if (!now.vips().configured()) {
      return null;
    }
    String addresses = String.join(", ", now.vips().addresses());
    if (now.allHeld()) {
      Instant announced = lastAnnounced;
      return addresses + ": held by this server" + (announced == null ? ""
          : " (last announced " + announced.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")");
    }
    if (now.held() > 0) {
      return addresses + ": only partly on this server (a move that failed half way), put right at the next tick";
    }
    String other = answeringElsewhere();
    return other != null
        ? addresses + ": not on this server; MAC " + other + " answers for it, so it is not added here"
        : addresses + ": not on this server (the server that serves writes holds it)";
  }

  /** {@code virtualIp} of /api/status, as the loop last saw it: null without a virtual IP. */
  public Map<String, Object> statusDocument() {
    Seen now = seen;
    if (!now.vips().configured()) {
      return null;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("address", now.vips().ipv4());
    doc.put("ipv6", now.vips().ipv6());
    doc.put("heldHere", now.allHeld());
    Instant announced = lastAnnounced;
    doc.put("lastAnnounced", announced == null ? null : announced.toString());
    String other = answeringElsewhere();
    if (other != null) {
      doc.put("answeringElsewhere", other);
    }
    return doc;
  }

  private void event(String state, String description) {
    LOG.info(description);
    store.recordEvent(Instant.now(), state, description);
  }

  private VipHost host() {
    if (host == null) {
      host = new VipHost(node.address(), node.scriptsDir());
    }
    return host;
  }
}
