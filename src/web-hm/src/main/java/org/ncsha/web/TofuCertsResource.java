package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ncsha.monitor.HaEngine;
import org.ncsha.monitor.PeerLink;

/**
 * {@code ncs certvalidation tofu-certs deletecert host <host>}: forgets the certificate pinned
 * for the peer on first use, so a peer that really got a new certificate is trusted again; for
 * an address of this server's SSO server (the guide's "delete the Virtual IP TOFU from the PI
 * instances"), the certificate it presents now replaces the one kept for it.
 */
@Path("/tofu-certs")
@Produces(MediaType.APPLICATION_JSON)
public class TofuCertsResource {
  @Inject PeerLink peer;
  @Inject HaEngine engine;
  @Inject HmAuthenticator auth;
  @Inject org.ncsha.opcenter.SsoClient sso;
  @Context HttpServletRequest request;

  @DELETE
  @Path("/{host}")
  public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, @PathParam("host") String host) {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    if (refused != null) {
      return refused;
    }
    boolean ssoServer;
    try {
      ssoServer = sso.trustAgain(host);
    } catch (org.ncsha.node.InvalidInput e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), "problems", e.problems());
    } catch (java.io.IOException | org.ncsha.files.FileArea.Refused e) {
      return Messages.response(Response.Status.INTERNAL_SERVER_ERROR, "host: the SSO server's trust store could not be"
          + " changed: " + e.getMessage(), null, null);
    }
    String peerAddress = engine.config().peerAddress();
    boolean forgot = peer.forgetPinnedCertificate(host, peerAddress, engine.status().state().displayName());
    if (ssoServer && !forgot) {
      return Messages.response(Response.Status.OK, "Replaced the SSO server's certificate of " + host
          + " with the one it presents now.", null, null);
    }
    if (!forgot) {
      return Messages.response(Response.Status.NOT_FOUND, "host: no TOFU certificate is stored for '" + host + "'"
          + (peerAddress == null ? " (HA is not configured)" : " (the peer is " + peerAddress + ")"), null, null);
    }
    return Messages.response(Response.Status.OK, "Deleted the TOFU certificate of " + host
        + ". The certificate it presents is trusted again at the next contact signed with the authentication key.", null, null);
  }
}
