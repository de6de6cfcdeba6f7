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
import org.ncsha.monitor.LocalHealth;
import org.ncsha.node.NodeSettings;

/**
 * GET /api/status on the HM port: the Contract's status document. No login, no secrets, and no
 * cost: everything comes from what the Health Monitor's loop last saw (its age is in
 * {@code observedSecondsAgo}); a flood of calls never reaches the database.
 */
@Path("/status")
public class StatusResource {
  @Inject HaEngine engine;
  @Inject org.ncsha.monitor.AddressWatch addresses;
  @Inject NodeSettings node;
  @Inject LocalHealth health;
  @Inject org.ncsha.monitor.PeerLink peerLink;
  @Inject DiskWatch disk;
  @Inject org.ncsha.app.ServingRole serving;
  @Inject org.ncsha.monitor.WitnessLink witness;
  @Inject org.ncsha.monitor.VirtualIpKeeper virtualIp;
  @Inject org.ncsha.files.FileSync files;

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
    body.put("failbackType", config.failbackType().wireName());
    body.put("peer", config.peerAddress());
    body.put("address", node.address());
    body.put("version", org.ncsha.node.ProductVersion.current());
    body.put("since", status.since().toString());
    body.put("missedHeartbeats", engine.missedHeartbeats());
    body.put("peerState", peer == null ? null : peer.state().displayName());
    body.put("peerHeardSecondsAgo", engine.peerHeardSecondsAgo());
    body.put("serving", serving.writable());
    body.put("passiveReason", serving.whyNotServing(status.state(), engine.config()));
    body.put("advice", HaAdvice.of(status.state(), config.role(), engine.missedHeartbeats() == 0, config.peerAddress()));
    LocalHealth.Snapshot local = health.last();
    body.put("observedSecondsAgo", Math.max(0, java.time.Duration.between(local.at(), java.time.Instant.now()).toSeconds()));
    body.put("peerTrustProblem", peerLink.trustProblem());
    body.put("addressProblem", addresses.problem(engine.status().state()));
    java.time.Duration skew = peerLink.peerClockSkew();
    body.put("peerClockSkewMillis", skew == null ? null : skew.toMillis());
    body.put("database", local.database());
    body.put("disk", disk.status());
    body.put("witness", witness.statusDocument());
    body.put("virtualIp", virtualIp.statusDocument());
    body.put("fileSync", files.status());
    return body;
  }
}
