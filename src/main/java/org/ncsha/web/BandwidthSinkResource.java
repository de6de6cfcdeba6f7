package org.ncsha.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bandwidth-test listener on port 8085: reads and discards what the peer sends and says how
 * many bytes arrived in how long. Bounded per request, so it cannot be used to fill anything.
 */
@Path("/bandwidth")
public class BandwidthSinkResource {
  /** The most one test may send; the readiness check sends for a few seconds at most. */
  static final long MAX_BYTES = 2L * 1024 * 1024 * 1024;

  @POST
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  public Response sink(InputStream body) throws IOException {
    // Read on arrival: the latency probe's one-byte exchanges estimate the clock offset from it.
    long arrived = System.currentTimeMillis();
    long start = System.nanoTime();
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = body.read(buffer)) != -1; ) {
      total += n;
      if (total > MAX_BYTES) {
        return Messages.response(Response.Status.REQUEST_ENTITY_TOO_LARGE,
            "body: a bandwidth test sends at most " + MAX_BYTES + " bytes", null, null);
      }
    }
    long nanos = System.nanoTime() - start;
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("bytes", total);
    answer.put("nanos", nanos);
    answer.put("mbps", nanos == 0 ? 0 : total * 8.0 * 1000 / nanos);
    answer.put("clockMillis", arrived);
    return Response.ok(answer).build();
  }
}
