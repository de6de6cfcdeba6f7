package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ncsha.app.MseDirectory;
import org.ncsha.app.MseForms;
import org.ncsha.app.ServingRole;
import org.ncsha.node.NodeSettings;

/**
 * The admin server's Mobility Services Engines over REST (admin login, as every /api path):
 * {@code GET /api/mse/appliances} lists them as last seen, {@code POST} adds one ({@code
 * {"address", "password"}}: 201; 400 naming the field and the rule), {@code POST /api/mse/pairs}
 * pairs a primary with a secondary (202 once the primary MSE took the registration; 400 with every
 * broken rule of the guide's), {@code DELETE /api/mse/appliances/{address}} removes one from the
 * list, {@code POST /api/mse/failbacks} fails a pair back from its active secondary ({@code
 * {"secondaryAddress", "secondaryPassword", "primaryReplaced"}}: 202 once the secondary took it),
 * {@code GET /api/mse/alarms} the alarms, newest first. 404 on an MSE
 * (it is managed, it does not manage); 503 for a change on the passive admin server.
 */
@Path("/mse")
@Produces(MediaType.APPLICATION_JSON)
public class MseAdminResource {
  private static final int MAX_ALARMS = 1000;

  @Inject NodeSettings node;
  @Inject MseDirectory directory;
  @Inject ServingRole serving;
  @Inject org.ncsha.monitor.HaEngine engine;

  @GET
  @Path("/appliances")
  public Response list() {
    return node.isMse() ? notTheAdminServer() : Response.ok(directory.all()).build();
  }

  @POST
  @Path("/appliances")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(MseForms.Add form) {
    return change(() -> Response.status(Response.Status.CREATED).entity(directory.add(form)).build());
  }

  @POST
  @Path("/pairs")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response pair(MseForms.Pair form) {
    return change(() -> Messages.response(Response.Status.ACCEPTED, directory.pair(form), null, null));
  }

  @DELETE
  @Path("/appliances/{address}")
  public Response delete(@PathParam("address") String address) {
    return change(() -> {
      directory.delete(address);
      return Messages.response(Response.Status.OK, "Deleted the MSE at " + address + " from the list", null, null);
    });
  }

  @POST
  @Path("/failbacks")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response failback(MseForms.Failback form) {
    return change(() -> Messages.response(Response.Status.ACCEPTED, directory.failback(form), null, null));
  }

  @GET
  @Path("/alarms")
  public Response alarms(@QueryParam("limit") Integer limit) {
    if (node.isMse()) {
      return notTheAdminServer();
    }
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > MAX_ALARMS) {
      return Messages.response(Response.Status.BAD_REQUEST, "limit: from 1 to " + MAX_ALARMS, null, null);
    }
    return Response.ok(directory.alarms(n)).build();
  }

  /** A change of the admin server's MSEs: an MSE refuses it (404), so does a passive admin server (503), a bad form 400. */
  private Response change(ServerChange.Made made) {
    return ServerChange.run(node, serving, engine, MseAdminResource::notTheAdminServer, made);
  }

  private static Response notTheAdminServer() {
    return Messages.response(Response.Status.NOT_FOUND, "this server is an MSE (node.kind=mse): the admin server"
        + " (node.kind=server) adds, pairs and watches MSEs", null, null);
  }
}
