package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncsha.ha.HaAdvice;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.NodeStatus;
import org.ncsha.ha.PeerReport;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.DiskWatch;
import org.ncsha.monitor.LocalDatabase;
import org.ncsha.node.NodeSettings;

/** GET /api/status on the HM port: the Contract's status document. No login, no secrets. */
@Path("/status")
public class StatusResource {
  @Inject HaEngine engine;
  @Inject NodeSettings node;
  @Inject LocalDatabase database;
  @Inject DiskWatch disk;
  @Inject org.ncsha.app.ServingRole serving;
  @Inject org.ncsha.monitor.WitnessLink witness;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> status() {
    NodeStatus status = engine.status();
    HaConfig config = engine.config();
    PeerReport peer = engine.lastPeer();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("server", config.role().name().toLowerCase());
    body.put("state", status.state().displayName());
    body.put("mode", status.state().mode().displayName());
    body.put("failoverType", config.failoverType().wireName());
    body.put("peer", config.peerAddress());
    body.put("address", node.address());
    body.put("since", status.since().toString());
    body.put("missedHeartbeats", engine.missedHeartbeats());
    body.put("peerState", peer == null ? null : peer.state().displayName());
    body.put("peerHeardSecondsAgo", engine.peerHeardSecondsAgo());
    body.put("serving", serving.writable());
    body.put("passiveReason", serving.whyNotServing(status.state()));
    body.put("advice", HaAdvice.of(status.state(), config.role(), engine.missedHeartbeats() == 0, config.peerAddress()));
    body.put("database", database.statusDocument());
    body.put("disk", disk.status());
    body.put("witness", witness.statusDocument());
    return body;
  }
}
