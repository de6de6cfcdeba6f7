package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncsha.app.ServingRole;
import org.ncsha.node.NodeSettings;
import org.ncsha.opcenter.OcForms;
import org.ncsha.opcenter.SsoClient;
import org.ncsha.opcenter.SsoProvider;

/**
 * The guide's Administration > Users > SSO Servers over REST (admin login; docs/operations-center.md):
 * {@code GET /api/sso-servers} this server's SSO server, if any; {@code POST} adds it ({@code
 * {"address", "user", "password"}}: the Operations Center as users reach it and one of its
 * administrators' login; 200 with the issuer; 400 naming the field and the rule); {@code DELETE}
 * deletes it ("Delete SSO Server(s)"). 404 on an MSE; 503 for a change on the passive server.
 */
@Path("/sso-servers")
@Produces(MediaType.APPLICATION_JSON)
public class SsoServersResource {
  @Inject NodeSettings node;
  @Inject SsoClient client;
  @Inject ServingRole serving;
  @Inject org.ncsha.monitor.HaEngine engine;

  @GET
  public Response server() {
    if (node.isMse()) {
      return notHere();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    var host = client.server();
    body.put("configured", host.isPresent());
    host.ifPresent(h -> {
      body.put("address", h);
      body.put("issuer", SsoProvider.issuer(h));
    });
    return Response.ok(body).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(OcForms.AddSsoServer form) {
    return ServerChange.run(node, serving, engine, SsoServersResource::notHere, () -> {
      try {
        String issuer = client.add(form == null ? new OcForms.AddSsoServer() : form);
        return Messages.response(Response.Status.OK, "SSO server added: page logins go through " + issuer, "issuer", issuer);
      } catch (java.io.IOException | org.ncsha.files.FileArea.Refused e) {
        return Messages.response(Response.Status.INTERNAL_SERVER_ERROR, "address: the SSO server could not be saved: "
            + e.getMessage(), null, null);
      }
    });
  }

  @DELETE
  public Response delete() {
    return ServerChange.run(node, serving, engine, SsoServersResource::notHere, () -> {
      try {
        return Messages.response(Response.Status.OK, client.delete() ? "SSO server deleted: page logins are this server's own"
            : "No SSO server was set", null, null);
      } catch (java.io.IOException | org.ncsha.files.FileArea.Refused e) {
        return Messages.response(Response.Status.INTERNAL_SERVER_ERROR, "The SSO server could not be deleted: "
            + e.getMessage(), null, null);
      }
    });
  }

  private static Response notHere() {
    return Messages.response(Response.Status.NOT_FOUND, "this server is an MSE (node.kind=mse): SSO servers are a"
        + " server's (node.kind=server)", null, null);
  }
}
