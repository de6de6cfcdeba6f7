package org.ncsha.monitor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.ncsha.app.ServingRole;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.ha.PeerReport;
import org.ncsha.ha.Role;
import org.ncsha.ha.WitnessRules;
import org.ncsha.ha.WitnessView;
import org.ncsha.mail.MailNotifier;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaStore;
import org.ncsha.witness.EtcdWitness;
import org.ncsha.witness.LeaseKeeper;

/**
 * The optional etcd witness of this node: keeps the leader lease while this server serves (or
 * is about to), and fences this server when it serves without it. Runs on timers of its own
 * ({@link WitnessTicker}), apart from the heartbeat, so that a heartbeat stuck on a silent peer
 * cannot delay the fencing. TTL: missLimit heartbeats (at least 2 s); margin: one heartbeat.
 */
@ApplicationScoped
public class WitnessLink {
  private static final Logger LOG = Logger.getLogger(WitnessLink.class.getName());

  @Inject NodeSettings node;
  @Inject HaEngine engine;
  @Inject ServingRole serving;
  @Inject LocalDatabase database;
  @Inject HaStore store;
  @Inject MailNotifier mail;
  @Inject HeartbeatTicker ticker;

  private volatile LeaseKeeper keeper;
  private volatile String keyPair;
  /** The database was made read-only by a fence and not opened since (a promotion opens it too). */
  private volatile boolean databaseFenced;

  @PostConstruct
  void setUp() {
    if (!node.witnessConfigured()) {
      return;
    }
    LOG.info("Witness: etcd at " + node.witnessEndpoints() + ", lease TTL " + ttl().toMillis() + " ms");
  }

  /** How often the lease is renewed: four times a heartbeat (at least every 250 ms). */
  public Duration interval() {
    return atLeast(node.heartbeatInterval().dividedBy(4), Duration.ofMillis(250));
  }

  /** How often the fence is checked: eight times a heartbeat, apart from the calls to etcd. */
  public Duration guardInterval() {
    return atLeast(node.heartbeatInterval().dividedBy(8), Duration.ofMillis(100));
  }

  /** One call to etcd may take half a heartbeat: a slow witness is not yet a lost one. */
  private Duration callTimeout() {
    return atLeast(node.heartbeatInterval().dividedBy(2), Duration.ofMillis(500));
  }

  private static Duration atLeast(Duration d, Duration minimum) {
    return d.compareTo(minimum) < 0 ? minimum : d;
  }

  private Duration ttl() {
    return node.heartbeatInterval().multipliedBy(node.heartbeatMissLimit());
  }

  /** The key is the pair's: both servers know the primary's address. */
  private LeaseKeeper keeperFor(HaConfig config) {
    String primary = config.role() == Role.PRIMARY ? node.address() : config.peerAddress();
    if (primary == null) {
      return null;
    }
    if (keeper == null || !primary.equals(keyPair)) {
      keeper = new LeaseKeeper(new EtcdWitness(node.witnessEndpoints(), callTimeout()),
          "/ncs-ha/" + primary + "/leader", node.address(), ttl(), node.heartbeatInterval(), System::nanoTime);
      keyPair = primary;
    }
    return keeper;
  }

  public boolean configured() {
    return node.witnessConfigured();
  }

  /** The Health Monitor page's Witness row: where it is, who holds the lease, and a fence. */
  public String summary() {
    if (!node.witnessConfigured()) {
      return "none";
    }
    LeaseKeeper k = keeper;
    WitnessView v = view();
    String lease = v.leaseHeld() ? "this server holds the lease (" + k.safeSecondsLeft() + " s left)" : v.describeHolder();
    return "etcd " + String.join(", ", node.witnessEndpoints()) + ": " + lease
        + (serving.fenced() ? "; FENCED: this server refuses writes" : "");
  }

  /**
   * What the decider sees: {@link WitnessView#NONE} without a witness. Before the first round
   * (just after a start) the lease is not held: a configured witness is never read as none,
   * which would let a promotion through without it.
   */
  public WitnessView view() {
    if (!node.witnessConfigured()) {
      return WitnessView.NONE;
    }
    LeaseKeeper k = keeper;
    return k == null ? WitnessView.NOT_ASKED_YET : k.view();
  }

  /** One round of calls to etcd: renew, take or release the lease. */
  void step() {
    if (!node.witnessConfigured()) {
      return;
    }
    HaConfig config = engine.config();
    LeaseKeeper k = keeperFor(config);
    if (k == null) {
      return;
    }
    boolean heldBefore = k.held();
    k.step(WitnessRules.wantsLease(engine.status().state(), config.role(), engine.lastPeer()));
    if (!heldBefore && k.held()) {
      // A promotion may have been waiting for the lease: decide now, not a heartbeat later.
      ticker.nudge();
    }
  }

  /**
   * The fence check, on a timer of its own (an eighth of a heartbeat) so that a slow call to
   * etcd never delays it: whether the lease still counts is a matter of the clock. The lease
   * stops counting one heartbeat before etcd lets it expire, so the fence comes well before
   * the other server can take the lease.
   */
  synchronized void guard() {
    LeaseKeeper k = keeper;
    if (!node.witnessConfigured() || k == null) {
      return;
    }
    checkFence(engine.status().state(), engine.config().role(), k);
  }

  private void checkFence(HaState state, Role role, LeaseKeeper k) {
    WitnessView view = k.view();
    // Failsafe needs the peer heard at the last heartbeat (no miss yet), and not long ago: a
    // heartbeat stuck on a silent peer must not keep it alive.
    PeerReport recent = engine.missedHeartbeats() == 0
        ? engine.peerReportSince(Instant.now().minus(node.heartbeatInterval().multipliedBy(2))) : null;
    boolean mustFence = WitnessRules.mustFence(state, role, view, recent);
    if (!serving.fenced() && mustFence) {
      fence(state, view, k);
    } else if (serving.fenced() && !state.servesWrites(role)) {
      // Stepped down: the state keeps the application passive now. The database stays
      // read-only until this server serves again (or follows the peer, which rewrites it).
      serving.lift();
      record(state, "Fence cleared: this server no longer serves (" + state.displayName() + ")");
    } else if (view.leaseHeld() && state.servesWrites(role) && (serving.fenced() || databaseFenced)) {
      // Only the lease lifts a fence: failsafe keeps a node serving, it never brings one back.
      database.unfence();
      databaseFenced = false;
      if (serving.fenced()) {
        serving.lift();
        record(state, "Fence lifted: this server holds the witness lease again");
      }
    }
  }

  private void fence(HaState state, WitnessView view, LeaseKeeper k) {
    String why = "Fenced: this server serves (" + state.displayName() + ") without the witness lease ("
        + view.describeHolder() + (k.lastError() == null ? "" : ": " + k.lastError())
        + "); writes are refused and database sessions ended until it holds the lease again";
    serving.fence(why);
    try {
      database.fence();
      databaseFenced = true;
    } catch (RuntimeException e) {
      LOG.warning("Fencing the database failed (the application is passive already): " + e.getMessage());
    }
    record(state, why);
    mail.notify(state.displayName(), "This server fenced itself: it lost the witness lease");
  }

  private void record(HaState state, String what) {
    LOG.warning(what);
    store.recordEvent(Instant.now(), state.displayName(), what);
  }

  /** The witness for the readiness check (HA - WITNESS). */
  public org.ncsha.readiness.WitnessFacts facts(boolean automaticFailover) {
    if (!node.witnessConfigured()) {
      return org.ncsha.readiness.WitnessFacts.none(automaticFailover);
    }
    LeaseKeeper k = keeper;
    WitnessView v = view();
    if (k == null) {
      return new org.ncsha.readiness.WitnessFacts(automaticFailover, node.witnessEndpoints(), false, null,
          "not used before registration");
    }
    return new org.ncsha.readiness.WitnessFacts(automaticFailover, node.witnessEndpoints(), v.reachable(), v.holder(),
        k.lastError());
  }

  /** The {@code witness} object of /api/status; null without a witness. */
  public Map<String, Object> statusDocument() {
    if (!node.witnessConfigured()) {
      return null;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("endpoints", node.witnessEndpoints());
    LeaseKeeper k = keeper;
    WitnessView v = view();
    doc.put("reachable", v.reachable());
    doc.put("leaseHolder", v.holder());
    doc.put("leaseHeldHere", v.leaseHeld());
    doc.put("ttlSeconds", k == null ? null : k.ttlSeconds());
    doc.put("safeSecondsLeft", k == null ? null : k.safeSecondsLeft());
    doc.put("fenced", serving.fenced());
    if (k != null && k.lastError() != null) {
      doc.put("error", k.lastError());
    }
    return doc;
  }
}
