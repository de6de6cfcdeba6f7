package org.ncsha.hm;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.HaAdvice;
import org.ncsha.ha.HaState;
import org.ncsha.ha.Role;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.store.HaEventRecord;
import org.ncsha.store.HaStore;

/** The Health Monitor page: this server's state, its peer, the actions allowed now, the events. */
@Named
@RequestScoped
public class HmView {
  static final int EVENTS_SHOWN = 200;

  @Inject HaEngine engine;
  @Inject org.ncsha.monitor.AddressWatch addresses;
  @Inject HaStore store;
  @Inject HmSession session;
  @Inject org.ncsha.monitor.WitnessLink witness;
  @Inject org.ncsha.monitor.VirtualIpKeeper virtualIp;
  @Inject org.ncsha.files.FileSync files;
  @Inject org.ncsha.monitor.PeerLink peerLink;

  public String getServer() {
    return engine.config().role() == Role.PRIMARY ? "Primary" : "Secondary";
  }

  public String getPeerLabel() {
    return engine.config().role() == Role.PRIMARY ? "Secondary IP Address" : "Primary IP Address";
  }

  public String getPeerAddress() {
    String peer = engine.config().peerAddress();
    return peer == null ? "-" : peer;
  }

  public String getPeerState() {
    return engine.config().peerAddress() == null ? "-" : engine.peerStateAsHeard();
  }

  /**
   * The alarm for a peer that answers but cannot be trusted (another key, a clock too far off,
   * another certificate), with its fix; null while its answers are trusted. It never fails over.
   */
  public String getPeerTrustProblem() {
    return engine.config().peerAddress() == null ? null : peerLink.trustProblem();
  }

  /** An address changed under the configured pair, with what to do; null while none did. */
  public String getAddressProblem() {
    return addresses.problem(engine.status().state());
  }

  /** The peer's clock against this server's, as measured on the last answer: "+0.4 s". */
  public String getPeerClock() {
    java.time.Duration skew = peerLink.peerClockSkew();
    if (engine.config().peerAddress() == null || skew == null) {
      return "-";
    }
    return String.format(java.util.Locale.ROOT, "%+.1f s (at most %d s apart is allowed)", skew.toMillis() / 1000.0,
        org.ncsha.peer.PeerSignature.MAX_SKEW.toSeconds());
  }

  public String getState() {
    return engine.status().state().displayName();
  }

  public String getFailoverType() {
    return engine.config().failoverType().displayName();
  }

  /** The Virtual IP row: null (not shown) without one. */
  public String getVirtualIp() {
    return virtualIp.summary();
  }

  /** The File Sync row: who sends to whom, the backlog and the last failure; null (not shown) without HA. */
  public String getFileSync() {
    return files.summary();
  }

  public boolean isFileSyncFailing() {
    return files.failing();
  }

  /** The witness row: none, or who holds the lease and whether it answers. */
  public String getWitness() {
    return witness.summary();
  }

  /** The warning the guide's S3 implies: null unless automatic failover runs without a witness. */
  public String getSplitBrainWarning() {
    boolean automatic = engine.config().failoverType() == FailoverType.AUTOMATIC && engine.config().peerAddress() != null;
    return automatic && !witness.configured()
        ? "Automatic failover without a witness: if the link between the servers is cut, both may accept writes"
            + " until it returns (set witness.etcd.endpoints to an etcd both servers reach)."
        : null;
  }

  /** What the administrator should do now, or null (see {@link HaAdvice}). */
  public String getAdvice() {
    return HaAdvice.of(engine.status().state(), engine.config().role(), engine.missedHeartbeats() == 0,
        engine.config().peerAddress());
  }

  /** Green check: HA is on and working; red otherwise (Table 3's steady pairs). */
  public boolean isHealthy() {
    HaState s = engine.status().state();
    return (s == HaState.PRIMARY_ACTIVE || s == HaState.SECONDARY_SYNCING) && getPeerTrustProblem() == null;
  }

  public boolean isFailoverAllowed() {
    return engine.refusalFor(new Command.Failover()) == null;
  }

  public boolean isFailbackAllowed() {
    return engine.refusalFor(new Command.Failback()) == null;
  }

  public boolean isForceFailoverAllowed() {
    return engine.refusalFor(new Command.ForceFailover()) == null;
  }

  public void failover() {
    submit(new Command.Failover(), "Failover");
  }

  public void failback() {
    submit(new Command.Failback(), "Failback");
  }

  public void forceFailover() {
    submit(new Command.ForceFailover(), "Force Failover");
  }

  public List<HaEventRecord> getEvents() {
    return store.events(0, EVENTS_SHOWN);
  }

  private void submit(Command command, String name) {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!session.isLoggedIn()) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Log in as root with the authentication key", null));
      return;
    }
    try {
      engine.submit(command);
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, name + " started", null));
    } catch (CommandRefusedException e) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
    }
  }
}
