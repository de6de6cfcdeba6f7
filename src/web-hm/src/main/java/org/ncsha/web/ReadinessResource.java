package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncsha.readiness.CheckSet;
import org.ncsha.readiness.ReadinessRun;
import org.ncsha.registration.ReadinessRunner;
import org.ncsha.store.HaStore;
import org.ncsha.store.ReadinessResultRecord;

/**
 * Check Failover Readiness on the Health Monitor port, behind root and the key: the newest run,
 * a run now, and the history behind the trend graphs (last 6 hours unless a range is given).
 */
@Path("/readiness")
@Produces(MediaType.APPLICATION_JSON)
public class ReadinessResource {
  static final Duration DEFAULT_RANGE = Duration.ofHours(6);

  @Inject ReadinessRunner runner;
  @Inject HaStore store;
  @Inject HmAuthenticator auth;
  @Context HttpServletRequest request;

  @GET
  public Response latest(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    List<ReadinessResultRecord> rows = store.latestReadiness(CheckSet.FAILOVER.wireName());
    if (rows.isEmpty()) {
      return Messages.response(Response.Status.NOT_FOUND, "No failover readiness run yet: run one (POST /api/readiness)", null, null);
    }
    return Response.ok(ReadinessJson.stored(rows)).build();
  }

  @POST
  @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
  public Response runNow(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    ReadinessRun run = runner.failover();
    if (run == null) {
      return Messages.response(Response.Status.CONFLICT,
          "HA is not configured: failover readiness needs a registered pair (use Check Readiness on the HA Configuration page)",
          null, null);
    }
    return Response.ok(ReadinessJson.run(run)).build();
  }

  @GET
  @Path("/history")
  public Response history(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    Instant end;
    Instant start;
    try {
      end = to == null || to.isBlank() ? Instant.now() : Instant.parse(to);
      start = from == null || from.isBlank() ? end.minus(DEFAULT_RANGE) : Instant.parse(from);
    } catch (DateTimeParseException e) {
      return Messages.response(Response.Status.BAD_REQUEST,
          "from, to: must be ISO-8601 UTC times such as 2026-11-25T08:00:00Z", null, null);
    }
    if (start.isAfter(end)) {
      return Messages.response(Response.Status.BAD_REQUEST, "from: must not be after to", null, null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("from", start.toString());
    body.put("to", end.toString());
    body.put("results", ReadinessJson.history(store.readinessHistory(CheckSet.FAILOVER.wireName(), start, end)));
    return Response.ok(body).build();
  }
}
