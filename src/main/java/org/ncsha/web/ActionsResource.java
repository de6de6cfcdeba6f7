package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.ncsha.ha.Command;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.PeerLink;
import org.ncsha.security.AuthKeyRule;

/**
 * The Health Monitor's write operations on the HM port: 202 when the loop accepted the command,
 * 409 naming the current state when it is not allowed now, 401 without root and the key.
 */
@Path("/actions")
@Produces(MediaType.APPLICATION_JSON)
public class ActionsResource {
  @Inject HaEngine engine;
  @Inject HmAuthenticator auth;
  @Inject PeerLink peer;
  @Context HttpServletRequest request;

  /** The Health Monitor's action buttons, by their REST names. */
  private static final Map<String, Command> COMMANDS = Map.of(
      "failover", new Command.Failover(),
      "failback", new Command.Failback(),
      "force-failover", new Command.ForceFailover(),
      "remove", new Command.Remove());

  @POST
  @Path("/{action: failover|failback|force-failover|remove}")
  public Response act(@PathParam("action") String action,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) {
    Command command = COMMANDS.get(action);
    return submit(authorization, token, command, command.displayName());
  }

  /** The body of POST /api/actions/authkey. */
  public static class AuthKeyRequest {
    public String key;
  }

  @POST
  @Path("/authkey")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response authKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, AuthKeyRequest body) {
    HmAuthenticator.Verdict verdict = auth.check(authorization, token, request.getRemoteAddr());
    if (!verdict.allowed()) {
      return Messages.response(Response.Status.UNAUTHORIZED, verdict.message(), null, null);
    }
    String key = body == null ? null : body.key;
    var violation = key == null ? java.util.Optional.of("key: the new Authentication Key is required") : AuthKeyRule.violation(key);
    if (violation.isPresent()) {
      return Messages.response(Response.Status.BAD_REQUEST, violation.get(), null, null);
    }
    if (engine.config().peerAddress() != null) {
      return Messages.response(Response.Status.CONFLICT,
          "The authentication key cannot be changed while HA is configured (state "
              + engine.status().state().displayName() + "): remove HA, change the key on both servers, register again",
          "state", engine.status().state().displayName());
    }
    peer.keys().set(key.toCharArray());
    return Messages.response(Response.Status.OK, "The authentication key was changed", null, null);
  }

  private Response submit(String authorization, String token, Command command, String name) {
    HmAuthenticator.Verdict verdict = auth.check(authorization, token, request.getRemoteAddr());
    if (!verdict.allowed()) {
      return Response.status(Response.Status.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ncs-ha Health Monitor\"")
          .type(MediaType.APPLICATION_JSON)
          .entity(Map.of("message", verdict.message()))
          .build();
    }
    try {
      engine.submit(command);
    } catch (CommandRefusedException e) {
      return Messages.response(Response.Status.CONFLICT, e.getMessage(), "state", engine.status().state().displayName());
    }
    return Messages.response(Response.Status.ACCEPTED, name + " accepted in state " + engine.status().state().displayName(),
        "state", engine.status().state().displayName());
  }
}
