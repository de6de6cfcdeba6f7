package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ncsha.app.ServingRole;
import org.ncsha.node.NodeSettings;
import org.ncsha.opcenter.OcActivation;
import org.ncsha.opcenter.OcForms;
import org.ncsha.opcenter.OperationsCenter;
import org.ncsha.opcenter.SsoProvider;

/**
 * Operations Center over REST (admin login, as every /api path; docs/operations-center.md):
 * {@code GET /api/operations-center} whether this server is one and its managed instances,
 * {@code POST /api/operations-center/activation} makes it one (the licence's stand-in; 200 with
 * the activation), {@code DELETE} of it ends that (400 while instances are listed), {@code POST
 * /api/operations-center/instances} adds an instance ({@code {"address", "user", "password"}}: 201;
 * 400 naming the field and the rule), {@code DELETE .../instances/{address}} removes one. 404 on
 * an MSE; 503 for a change on the passive server.
 */
@Path("/operations-center")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsCenterResource {
  @Inject NodeSettings node;
  @Inject OperationsCenter center;
  @Inject SsoProvider sso;
  @Inject ServingRole serving;
  @Inject org.ncsha.monitor.HaEngine engine;
  @Context SecurityContext security;

  @GET
  public Response overview() {
    if (node.isMse()) {
      return notHere();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    var activation = center.activation();
    body.put("activated", activation.isPresent());
    activation.ifPresent(a -> {
      body.put("activatedAt", String.valueOf(a.getActivatedAt()));
      body.put("activatedBy", a.getActivatedBy());
    });
    body.put("instances", center.instances());
    return Response.ok(body).build();
  }

  @POST
  @Path("/activation")
  public Response activate() {
    return change(() -> {
      OcActivation a;
      try {
        a = center.activate(security.getUserPrincipal() == null ? "admin" : security.getUserPrincipal().getName());
      } catch (java.io.IOException | org.ncsha.files.FileArea.Refused e) {
        return Messages.response(Response.Status.INTERNAL_SERVER_ERROR, "activation: the key that seals the instances'"
            + " passwords could not be made: " + e.getMessage(), null, null);
      }
      return Messages.response(Response.Status.OK, "This server is an Operations Center (activated by " + a.getActivatedBy()
          + " at " + a.getActivatedAt() + ")", null, null);
    });
  }

  @DELETE
  @Path("/activation")
  public Response deactivate() {
    return change(() -> {
      center.deactivate();
      return Messages.response(Response.Status.OK, "This server is no longer an Operations Center", null, null);
    });
  }

  @GET
  @Path("/instances")
  public Response instances() {
    return node.isMse() ? notHere() : Response.ok(center.instances()).build();
  }

  @POST
  @Path("/instances")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(OcForms.AddInstance form) {
    return change(() -> Response.status(Response.Status.CREATED).entity(center.add(form)).build());
  }

  @DELETE
  @Path("/instances/{address}")
  public Response delete(@PathParam("address") String address) {
    return change(() -> {
      center.delete(address);
      return Messages.response(Response.Status.OK, "Deleted the managed instance " + address + " from the list", null, null);
    });
  }

  /** The Single Sign-On server: whether it is on, its issuer and the endpoints an instance uses. */
  @GET
  @Path("/sso")
  public Response ssoServer() {
    if (node.isMse()) {
      return notHere();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    var host = sso.issuerHost();
    body.put("enabled", host.isPresent());
    host.ifPresent(h -> {
      String issuer = SsoProvider.issuer(h);
      body.put("issuerHost", h);
      body.put("issuer", issuer);
      body.put("discovery", issuer + "/.well-known/openid-configuration");
    });
    return Response.ok(body).build();
  }

  @POST
  @Path("/sso")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response setUpSsoServer(OcForms.SsoServer form) {
    return change(() -> {
      try {
        String issuer = sso.enable(form == null ? null : form.getIssuerHost());
        return Messages.response(Response.Status.OK, "The Single Sign-On server is on, issuer " + issuer, null, null);
      } catch (java.io.IOException | org.ncsha.files.FileArea.Refused e) {
        return Messages.response(Response.Status.INTERNAL_SERVER_ERROR, "issuerHost: the Single Sign-On server could"
            + " not be set up: " + e.getMessage(), null, null);
      }
    });
  }

  @DELETE
  @Path("/sso")
  public Response deleteSsoServer() {
    return change(() -> {
      try {
        return Messages.response(Response.Status.OK, sso.disable() ? "The Single Sign-On server is off"
            : "The Single Sign-On server was not on", null, null);
      } catch (java.io.IOException | org.ncsha.files.FileArea.Refused e) {
        return Messages.response(Response.Status.INTERNAL_SERVER_ERROR, "The Single Sign-On server could not be"
            + " turned off: " + e.getMessage(), null, null);
      }
    });
  }

  private Response change(ServerChange.Made made) {
    return ServerChange.run(node, serving, engine, OperationsCenterResource::notHere, made);
  }

  private static Response notHere() {
    return Messages.response(Response.Status.NOT_FOUND, "this server is an MSE (node.kind=mse): an Operations Center is"
        + " a server (node.kind=server)", null, null);
  }
}
