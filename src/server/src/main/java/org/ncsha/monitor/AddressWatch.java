package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
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

  private volatile String ownProblem;
  private volatile String peerProblem;
  /** Whether a registered peer name resolves to an announced address: asked once per pair of them. */
  private final Map<String, Boolean> sameHost = new ConcurrentHashMap<>();

  /** At the Health Monitor's start, with the stored state. */
  void checkOwn(org.ncsha.ha.HaState state) {
    if (!state.haConfigured()) {
      ownProblem = null;
      return;
    }
    String registered = store.config().getRegisteredAddress();
    if (registered == null) {
      // A pair registered before the address was recorded: from now on it is.
      store.updateConfig(row -> row.setRegisteredAddress(node.address()));
      registered = node.address();
    }
    ownProblem = AddressChange.ownProblem(registered, node.address(), isLocal(node.address())).orElse(null);
    report(ownProblem, state.displayName());
  }

  /** A signed heartbeat from the peer named its address. */
  public void peerAnnounced(String registeredPeer, String announced, String state) {
    boolean same = registeredPeer != null && announced != null
        && sameHost.computeIfAbsent(registeredPeer + " " + announced, k -> resolvesTo(registeredPeer, announced));
    String problem = AddressChange.peerProblem(registeredPeer, announced, same).orElse(null);
    if (problem != null && !problem.equals(peerProblem)) {
      report(problem, state);
    }
    peerProblem = problem;
  }

  /** What is wrong with the addresses now, or null. */
  public String problem() {
    return ownProblem != null ? ownProblem : peerProblem;
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
