package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncsha.store.HaStore;

/** The HA events on the Health Monitor port, newest first and paged, behind root and the key. */
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {
  static final int MAX_PAGE = 500;

  @Inject HaStore store;
  @Inject HmAuthenticator auth;
  @Context HttpServletRequest request;

  @GET
  public Response events(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token,
      @QueryParam("first") @DefaultValue("0") int first,
      @QueryParam("max") @DefaultValue("50") int max) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    if (first < 0) {
      return Messages.response(Response.Status.BAD_REQUEST, "first: must be 0 or more, was " + first, null, null);
    }
    if (max < 1 || max > MAX_PAGE) {
      return Messages.response(Response.Status.BAD_REQUEST, "max: must be between 1 and " + MAX_PAGE + ", was " + max, null, null);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("total", store.eventCount());
    body.put("events", EventsJson.page(store, first, max));
    return Response.ok(body).build();
  }
}
