package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ncsha.ha.HaState;
import org.ncsha.node.AddressChange;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaStore;

/**
 * Watches for an address changed under a configured pair ({@link AddressChange}): this server's
 * own, at the Health Monitor's start, and the peer's, as its heartbeats announce it. A problem
 * is an event once, a SEVERE log line, and the Health Monitor page's and /api/status's
 * {@code addressProblem} until it is gone.
 */
@ApplicationScoped
public class AddressWatch {
  private static final Logger LOG = Logger.getLogger(AddressWatch.class.getName());

  @Inject NodeSettings node;
  @Inject HaStore store;

  /** Whether node.properties' address was on this host at the start (an address does not move under a running server). */
  private volatile boolean addressIsLocal = true;
  private volatile String peerProblem;
  /**
   * Whether a registered peer name resolves to an announced address: looked up off the heartbeat's
   * thread (a slow name server must not delay its answer); a failed lookup is asked again later.
   */
  private final Map<String, CompletableFuture<Boolean>> sameHost = new ConcurrentHashMap<>();
  private final Map<String, Instant> lookedUpAt = new ConcurrentHashMap<>();
  private static final Duration ASK_AGAIN_AFTER = Duration.ofMinutes(5);

  /** At the Health Monitor's start, with the stored state: an event and a log line if the address changed. */
  void checkOwn(HaState state) {
    addressIsLocal = isLocal(node.address());
    if (!state.haConfigured()) {
      return;
    }
    if (store.config().getRegisteredAddress() == null) {
      // A pair registered before the address was recorded: from now on it is.
      store.updateConfig(row -> row.setRegisteredAddress(node.address()));
    }
    ownProblem().ifPresent(p -> report(p, state.displayName()));
  }

  private java.util.Optional<String> ownProblem() {
    return AddressChange.ownProblem(store.config().getRegisteredAddress(), node.address(), addressIsLocal);
  }

  /** A signed heartbeat from the peer named its address. */
  public void peerAnnounced(String registeredPeer, String announced, HaState state) {
    String problem = state.haConfigured()
        ? AddressChange.peerProblem(registeredPeer, announced, sameHost(registeredPeer, announced)).orElse(null)
        : null;
    if (problem != null && !problem.equals(peerProblem)) {
      report(problem, state.displayName());
    }
    peerProblem = problem;
  }

  /**
   * What is wrong with the addresses now, or null: read again each time, so that it is gone once
   * HA is removed and registered again (which records the address anew).
   */
  public String problem(HaState state) {
    if (!state.haConfigured()) {
      return null;
    }
    try {
      return ownProblem().orElse(peerProblem);
    } catch (RuntimeException e) {
      // The store cannot be read (a full disk): the status still answers, with what is known.
      return peerProblem;
    }
  }

  /** True until a lookup says otherwise (an unanswered one does not raise the alarm). */
  private boolean sameHost(String name, String address) {
    if (name == null || address == null || name.equalsIgnoreCase(address)) {
      return true;
    }
    String key = name + " " + address;
    Instant asked = lookedUpAt.get(key);
    CompletableFuture<Boolean> lookup = sameHost.get(key);
    boolean stale = lookup != null && lookup.isDone() && !lookup.getNow(true) && asked != null
        && asked.plus(ASK_AGAIN_AFTER).isBefore(Instant.now());
    if (lookup == null || stale) {
      lookedUpAt.put(key, Instant.now());
      lookup = CompletableFuture.supplyAsync(() -> resolvesTo(name, address));
      sameHost.put(key, lookup);
    }
    return lookup.getNow(true);
  }

  private void report(String problem, String state) {
    if (problem != null) {
      LOG.severe(problem);
      store.recordEvent(Instant.now(), state, problem);
    }
  }

  /** Whether this host can bind the address: a local one (127.0.0.0/8 too, which no interface lists whole). */
  static boolean isLocal(String address) {
    try (DatagramSocket socket = new DatagramSocket(null)) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean resolvesTo(String name, String address) {
    try {
      InetAddress announced = InetAddress.getByName(address);
      return Arrays.asList(InetAddress.getAllByName(name)).contains(announced);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
