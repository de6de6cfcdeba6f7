package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.ncsha.monitor.HmLog;
import org.ncsha.monitor.LogLevel;
import org.ncsha.node.NodeSettings;

/** The HM page's Logging section over REST: Message Level and the log download, behind root and the key. */
@Path("/logging")
public class HmLoggingResource {
  @Inject HmLog log;
  @Inject HmAuthenticator auth;
  @Inject NodeSettings node;
  @Context HttpServletRequest request;

  /** The body of PUT /api/logging/level. */
  public static class LevelRequest {
    public String level;
  }

  @GET
  @Path("/level")
  @Produces(MediaType.APPLICATION_JSON)
  public Response level(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : Response.ok(Map.of("level", log.level().displayName())).build();
  }

  @PUT
  @Path("/level")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response setLevel(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, LevelRequest body) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    LogLevel level;
    try {
      level = LogLevel.fromDisplayName(body == null ? null : body.level);
    } catch (IllegalArgumentException e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), null, null);
    }
    log.setLevel(level);
    return Response.ok(Map.of("level", level.displayName(), "message", "Message Level set to " + level.displayName())).build();
  }

  @GET
  @Path("/download")
  @Produces("application/zip")
  public Response download(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    String name = "hm-logs-" + node.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".zip";
    StreamingOutput zip = log::writeArchive;
    return Response.ok(zip, "application/zip").header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
  }
}
