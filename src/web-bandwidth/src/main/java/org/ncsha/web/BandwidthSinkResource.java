package org.ncsha.web;

import org.ncsha.peer.BandwidthTickets;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.ncsha.monitor.PeerLink;
import org.ncsha.peer.BandwidthProtocol;
import org.ncsha.security.AuthKeys;

/**
 * The bandwidth-test listener on port 8085: reads and discards what the peer sends and says how
 * many bytes arrived in how long. Only with the ticket this server handed out in the signed
 * readiness exchange ({@link BandwidthTickets}), one request at a time, bounded in bytes and in
 * seconds, so it cannot be used to fill or tie up anything. The arrival time it reports (for the
 * clock check) is signed, so a stranger in the middle cannot make the clocks look apart.
 */
@Path("/bandwidth")
public class BandwidthSinkResource {
  /** The most one request may send: the readiness check sends at most 1 GB, for 2 s. */
  static final long MAX_BYTES = 1024L * 1024 * 1024;
  /** How long one request may keep the listener reading. */
  static final long MAX_NANOS = 10_000_000_000L;
  private static final ReentrantLock ONE_AT_A_TIME = new ReentrantLock();

  @Inject BandwidthTickets tickets;
  @Inject PeerLink link;

  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  public Response sink(@HeaderParam(BandwidthProtocol.TICKET_HEADER) String ticket, InputStream body) throws IOException {
    // Read on arrival: the latency probe's one-byte exchanges estimate the clock offset from it.
    long arrived = System.currentTimeMillis();
    if (!tickets.admit(ticket, Instant.now())) {
      return Messages.response(Response.Status.FORBIDDEN, BandwidthProtocol.TICKET_HEADER
          + ": a bandwidth test needs the ticket of the signed readiness exchange, unused and under 30 s old", null, null);
    }
    if (!ONE_AT_A_TIME.tryLock()) {
      return Messages.response(Response.Status.CONFLICT, "another bandwidth test is running", null, null);
    }
    try {
      long start = System.nanoTime();
      long total = 0;
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = body.read(buffer)) != -1; ) {
        total += n;
        if (total > MAX_BYTES || System.nanoTime() - start > MAX_NANOS) {
          return Messages.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
              "body: a bandwidth test sends at most " + MAX_BYTES + " bytes, for at most 10 s", null, null);
        }
      }
      long nanos = System.nanoTime() - start;
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("bytes", total);
      answer.put("nanos", nanos);
      answer.put("mbps", nanos == 0 ? 0 : total * 8.0 * 1000 / nanos);
      answer.put("clockMillis", arrived);
      String secret = link.peerSecret();
      answer.put("clockSignature", secret == null ? null : AuthKeys.hmac(secret, BandwidthProtocol.clockSigned(ticket, arrived)));
      return Response.ok(answer).build();
    } finally {
      ONE_AT_A_TIME.unlock();
    }
  }
}
