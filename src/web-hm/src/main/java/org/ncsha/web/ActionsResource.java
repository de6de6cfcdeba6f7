package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.ncsha.monitor.AuthKeyChange;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.HaRemoval;
import org.ncsha.peer.PeerException;
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
  @Inject AuthKeyChange keyChange;
  @Inject HaRemoval removal;
  @Inject org.ncsha.registration.HaAdministration administration;
  @Inject org.ncsha.registration.RegistrationProgress progress;
  @Context HttpServletRequest request;

  /** The Health Monitor's action buttons, by their REST names. */
  private static final Map<String, Command> COMMANDS = Map.of(
      "failover", new Command.Failover(),
      "failback", new Command.Failback(),
      "force-failover", new Command.ForceFailover());

  @POST
  @Path("/{action: failover|failback|force-failover}")
  // JSON only: a cross-site form post (with a browser's cached Basic login) gets 415.
  @Consumes(MediaType.APPLICATION_JSON)
  public Response act(@PathParam("action") String action,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) {
    Command command = COMMANDS.get(action);
    return submit(authorization, token, () -> engine.submit(command), command.displayName());
  }

  /** The body of POST /api/actions/remove: {} or {"peerIsDown": true}. */
  public static class RemoveRequest {
    /** The administrator says the secondary is down (ncs ha remove --peer-is-down). */
    public boolean peerIsDown;
  }

  @POST
  @Path("/remove")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response remove(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, RemoveRequest body) {
    boolean peerIsDown = body != null && body.peerIsDown;
    return submit(authorization, token, () -> removal.remove(peerIsDown), "Remove HA");
  }

  /**
   * The body of POST /api/actions/authkey; {@code salt} only for a replaced primary without HA,
   * which takes its pair's (the secondary's {@code GET /api/peer/salt}) with the pair's key.
   */
  public static class AuthKeyRequest {
    public String key;
    public String salt;
  }

  /** A salt as {@code AuthKeys} makes them (URL-safe Base64) or the legacy one: printable, short. */
  private static final java.util.regex.Pattern SALT = java.util.regex.Pattern.compile("[A-Za-z0-9_+/=.-]{8,128}");

  @POST
  @Path("/authkey")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response authKey(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, AuthKeyRequest body) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    String key = body == null ? null : body.key;
    var violation = key == null ? java.util.Optional.of("key: the new Authentication Key is required") : AuthKeyRule.violation(key);
    if (violation.isPresent()) {
      return Messages.response(Response.Status.BAD_REQUEST, violation.get(), null, null);
    }
    String state = engine.status().state().displayName();
    if (body.salt != null) {
      if (!SALT.matcher(body.salt).matches()) {
        return Messages.response(Response.Status.BAD_REQUEST, "salt: 8 to 128 characters of Base64, as the peer's GET"
            + " /api/peer/salt answers", null, null);
      }
      try {
        keyChange.joinPairSalt(key, body.salt);
      } catch (IllegalStateException e) {
        return Messages.response(Response.Status.CONFLICT, "The authentication key was not changed: " + e.getMessage(),
            "state", state);
      }
      return Messages.response(Response.Status.OK, "The authentication key has been updated with the pair's salt.", null,
          null);
    }
    String peerAddress;
    try {
      peerAddress = keyChange.changeHere(key);
    } catch (IllegalStateException e) {
      return Messages.response(Response.Status.CONFLICT, "The authentication key was not changed: " + e.getMessage(),
          "state", state);
    } catch (PeerException e) {
      return Messages.response(Response.Status.CONFLICT,
          "The authentication key was not changed: both servers must hold the same key, and the peer "
              + engine.config().peerAddress() + " did not take it (state " + state + "): " + e.getMessage(),
          "state", state);
    }
    return Messages.response(Response.Status.OK, peerAddress == null
        ? "The authentication key has been updated."
        : "The authentication key has been updated on this server and on " + peerAddress + ".", null, null);
  }

  /**
   * {@code ncs ha register}: the HA Configuration form's registration on the HM port, for root
   * with the key or the local CLI. 202 with the milestones, 400 naming each field's problem, 409
   * naming the state. The secondary's key in the body is used for the registration only.
   */
  @POST
  @Path("/register")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, org.ncsha.registration.RegistrationForm form) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : AdministrationReplies.of(() -> administration.register(form),
        () -> Response.accepted(progress.snapshot()).build(), engine);
  }

  /** The registration's milestones and status, as the HA Configuration page's progress bar shows them. */
  @GET
  @Path("/register")
  public Response registration(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : Response.ok(progress.snapshot()).build();
  }

  /** A submission that the Health Monitor may refuse. */
  private interface Submission {
    void run() throws CommandRefusedException;
  }

  private Response submit(String authorization, String token, Submission submission, String name) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    try {
      submission.run();
    } catch (CommandRefusedException e) {
      return Messages.response(Response.Status.CONFLICT, e.getMessage(), "state", engine.status().state().displayName());
    }
    return Messages.response(Response.Status.ACCEPTED, name + " accepted in state " + engine.status().state().displayName(),
        "state", engine.status().state().displayName());
  }
}
