package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.ncsha.ha.Role;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.PeerLink;
import org.ncsha.monitor.WitnessLink;
import org.ncsha.node.NodeSettings;
import org.ncsha.peer.BandwidthProtocol;
import org.ncsha.peer.PeerClient;
import org.ncsha.peer.PeerException;
import org.ncsha.peer.ReadinessRequest;
import org.ncsha.readiness.CheckResult;
import org.ncsha.readiness.CheckSet;
import org.ncsha.readiness.CheckStatus;
import org.ncsha.readiness.LinkFacts;
import org.ncsha.readiness.NodeFacts;
import org.ncsha.readiness.ReadinessRules;
import org.ncsha.readiness.ReadinessRun;
import org.ncsha.security.AuthKeys;
import org.ncsha.store.HaStore;
import org.ncsha.store.ReadinessResultRecord;

/**
 * Runs a checklist: this server's facts, the other server's (over the signed peer protocol),
 * and the link between them; keeps the run for the trend graphs. A failover-readiness check
 * that starts failing raises an HA event.
 */
@ApplicationScoped
public class ReadinessRunner {
  private static final Logger LOG = Logger.getLogger(ReadinessRunner.class.getName());
  /** The other server's own measurements take a few seconds (its disk test among them). */
  static final Duration PEER_TIMEOUT = Duration.ofSeconds(11);
  static final Duration LOCAL_BUDGET = Duration.ofSeconds(10);
  static final Duration LINK_BUDGET = Duration.ofSeconds(8);

  @Inject NodeSettings node;
  @Inject HaEngine engine;
  @Inject PeerLink link;
  @Inject ReadinessProbe probe;
  @Inject HaStore store;
  @Inject WitnessLink witness;
  @Inject VirtualIpProbe virtualIp;

  /** One run at a time: two at once would measure each other's load. */
  private final ReentrantLock running = new ReentrantLock();
  private final Map<String, CheckStatus> lastFailoverStatus = new HashMap<>();

  /** The registration checklist against a secondary named by the administrator, with its key. */
  public ReadinessRun registration(String secondary, char[] key, org.ncsha.ha.VirtualIps virtualIps) {
    String secret = registrationSecret(secondary, key);
    return run(CheckSet.REGISTRATION, secondary, Role.PRIMARY, secret, () -> virtualIp.beforeRegistration(virtualIps, secondary),
        new PeerCall() {
      @Override
      public <T> T call(PeerClient client, String path, Object body, Class<T> answer) throws PeerException {
        return client.postUnpinned(secondary, secret, path, body, answer);
      }
    });
  }

  /**
   * The secret the key has under the secondary's salt. Without an answer, this server's own salt
   * stands in: the link checks then report the secondary unreachable, which is what it is.
   */
  private String registrationSecret(String secondary, char[] key) {
    String salt;
    try {
      salt = link.client().peerSalt(secondary);
    } catch (PeerException e) {
      salt = link.keys().peerSalt();
    }
    return AuthKeys.peerSecret(key, salt);
  }

  /** The Health Monitor's checklist for the configured pair; null when HA is not configured. */
  public ReadinessRun failover() {
    String peer = engine.config().peerAddress();
    if (peer == null) {
      return null;
    }
    ReadinessRun run = run(CheckSet.FAILOVER, peer, engine.config().role(), link.peerSecret(), virtualIp::configured,
        new PeerCall() {
      @Override
      public <T> T call(PeerClient client, String path, Object body, Class<T> answer) throws PeerException {
        return client.post(peer, link.pinnedFingerprint(), link.peerSecret(), path, body, answer);
      }
    });
    raiseEventsForNewFailures(run);
    return run;
  }

  /** A signed call to the other server: pinned once registered, unpinned before. */
  private interface PeerCall {
    <T> T call(PeerClient client, String path, Object body, Class<T> answer) throws PeerException;
  }

  /** The signed answer of {@link BandwidthProtocol#TICKET_PATH}. */
  public static class TicketAnswer {
    public String ticket;
  }


  private ReadinessRun run(CheckSet set, String peer, Role ownRole, String secret,
      java.util.function.Supplier<org.ncsha.readiness.VirtualIpFacts> virtualIpFacts, PeerCall call) {
    running.lock();
    try {
      // Parts one after the other, each boxed in time, so that they do not measure each other
      // and the whole run stays under LOCAL_BUDGET + LINK_BUDGET + PEER_TIMEOUT = 30 s.
      NodeFacts own = TimeBox.call("this server's measurements", LOCAL_BUDGET, () -> probe.collect(peer),
          probe::unmeasured);
      LinkProbe.Result measured = TimeBox.call("the link measurement", LINK_BUDGET,
          () -> measureLink(peer, secret, call), why -> new LinkProbe.Result(null, why, null, null, null, why));
      String[] peerError = new String[1];
      NodeFacts theirs = TimeBox.call("the other server's answer", PEER_TIMEOUT.plusSeconds(1),
          () -> call.call(new PeerClient(node.hmPort(), PEER_TIMEOUT), "/api/peer/readiness",
              new ReadinessRequest(node.address()), NodeFacts.class), why -> {
            peerError[0] = why;
            return null;
          });
      LinkFacts linkFacts = new LinkFacts(measured.pingMillis(), measured.pingError(), measured.mbps(),
          measured.latencyMillis(), measured.bandwidthError(), measured.clockOffsetMillis(), peerError[0],
          witness.facts(engine.config().failoverType() == org.ncsha.ha.FailoverType.AUTOMATIC),
          TimeBox.call("the virtual IP's check", LOCAL_BUDGET, virtualIpFacts::get,
              why -> new org.ncsha.readiness.VirtualIpFacts(List.of(), List.of(), List.of(), why)));
      boolean primaryHere = ownRole == Role.PRIMARY;
      List<CheckResult> results = ReadinessRules.evaluate(set, primaryHere ? own : theirs, primaryHere ? theirs : own,
          linkFacts, node.readinessThresholds());
      ReadinessRun run = new ReadinessRun(Instant.now(), set, peer, ReadinessRules.overall(results), results);
      store.recordReadiness(run.results().stream().map(r -> new ReadinessResultRecord(run.time(), set.wireName(), r.name(),
          r.status().displayName(), r.value(), r.unit(), r.detail(), r.impact(), r.recommendation())).toList());
      LOG.info("Readiness (" + set.wireName() + ") against " + peer + ": " + run.overall().displayName());
      return run;
    } finally {
      running.unlock();
    }
  }

  /** The link measurement, with the ticket the other server hands out for it in a signed exchange. */
  private LinkProbe.Result measureLink(String peer, String secret, PeerCall call) throws PeerException {
    TicketAnswer ticket = call.call(new PeerClient(node.hmPort(), PEER_TIMEOUT), BandwidthProtocol.TICKET_PATH,
        Map.of(), TicketAnswer.class);
    return LinkProbe.measure(peer, node.bandwidthPort(), ticket.ticket, secret);
  }

  /** Events for checks that start failing, not for every scheduled run that fails again. */
  private void raiseEventsForNewFailures(ReadinessRun run) {
    synchronized (lastFailoverStatus) {
      for (CheckResult r : run.results()) {
        CheckStatus before = lastFailoverStatus.put(r.name(), r.status());
        if (r.status() == CheckStatus.FAIL && before != CheckStatus.FAIL) {
          store.recordEvent(run.time(), engine.status().state().displayName(),
              "Failover readiness check failed: " + r.name() + ": " + r.detail() + ". " + r.recommendation());
        }
      }
    }
  }
}
