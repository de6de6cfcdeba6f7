package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ncsha.node.NodeSettings;

/**
 * GET /api/mse/serverinfo on an MSE's Health Monitor port: the guide's getserverinfo (no login,
 * like /api/status: nothing in it is secret). 404 on a node that is not an MSE.
 */
@Path("/mse/serverinfo")
public class MseInfoResource {
  @Inject NodeSettings node;
  @Inject org.ncsha.monitor.MseInfo info;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response serverInfo() throws java.io.IOException {
    if (!node.isMse()) {
      return Messages.notAnMse();
    }
    return Response.ok(info.current()).build();
  }
}
