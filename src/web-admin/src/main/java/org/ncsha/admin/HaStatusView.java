package org.ncsha.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.ncsha.ha.HaState;
import org.ncsha.ha.PeerReport;
import org.ncsha.monitor.HaEngine;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaEventRecord;
import org.ncsha.store.HaStore;

/** Administration > Settings > High Availability > HA Status: configuration, state, events. */
@Named
@RequestScoped
public class HaStatusView {
  static final int EVENTS_SHOWN = 200;

  @Inject HaEngine engine;
  @Inject HaStore store;
  @Inject NodeSettings node;
  @Inject org.ncsha.monitor.VirtualIpKeeper virtualIp;

  /** "Secondary Server" on the primary; on the secondary (active after a failover) the other one is the primary. */
  public String getPeerLabel() {
    return engine.config().role() == org.ncsha.ha.Role.SECONDARY ? "Primary Server" : "Secondary Server";
  }

  public String getSecondaryServer() {
    String peer = engine.config().peerAddress();
    return peer == null ? "Not configured" : peer;
  }

  public String getFailoverType() {
    return engine.config().failoverType().displayName();
  }

  public String getState() {
    return engine.status().state().displayName();
  }

  public String getMode() {
    return engine.status().state().mode().displayName();
  }

  public List<HaEventRecord> getEvents() {
    return store.events(0, EVENTS_SHOWN);
  }

  /** The Virtual IP row: null (not shown) without one. */
  public String getVirtualIp() {
    return virtualIp.summary();
  }

  /** The Health Monitor page of the server that is active now (this one, or the peer). */
  public String getHealthMonitorUrl() {
    PeerReport peer = engine.lastPeer();
    boolean peerActive = peer != null && peer.state().servesWrites() && !engine.status().state().servesWrites();
    String host = peerActive ? engine.config().peerAddress() : node.address();
    return "https://" + host + ":" + node.hmPort() + "/hm/index.xhtml";
  }

  /** Remove is offered where the Health Monitor may accept it (Primary Active, or alone with a silent secondary). */
  public boolean isRemovable() {
    return engine.refusalFor(new org.ncsha.ha.Command.Remove(org.ncsha.ha.PeerDatabase.NOT_CHECKED, true)) == null;
  }

  /** The secondary does not answer: removal then needs proof, or "the secondary is down". */
  public boolean isPeerSilent() {
    HaState s = engine.status().state();
    return (s == HaState.PRIMARY_ALONE || s == HaState.PRIMARY_LOST_SECONDARY) && isRemovable();
  }
}
