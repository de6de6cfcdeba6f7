package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.ncsha.app.LocationService;
import org.ncsha.app.ServingRole;
import org.ncsha.node.NodeSettings;

/**
 * An MSE's location service on 9443 (admin login, as every /api path): POST
 * /api/mse/locations records where a client was seen (201; 503 on the passive MSE, naming the
 * active one), GET lists the sightings, of one client with {@code ?clientMac=}. 404 on a node
 * that is not an MSE.
 */
@Path("/mse/locations")
@Produces(MediaType.APPLICATION_JSON)
public class LocationResource {
  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final int MAX_FLOOR = 64;
  private static final int MAX_LIST = 1000;

  @Inject NodeSettings node;
  @Inject LocationService locations;
  @Inject ServingRole serving;
  @Inject org.ncsha.monitor.HaEngine engine;

  /** The body of POST /api/mse/locations. */
  public static class Sighting {
    public String clientMac;
    public String floor;
    public Double x;
    public Double y;
  }

  @GET
  public Response list(@QueryParam("clientMac") String clientMac, @QueryParam("limit") Integer limit) {
    if (!node.isMse()) {
      return Messages.notAnMse();
    }
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > MAX_LIST) {
      return Messages.response(Response.Status.BAD_REQUEST, "limit: from 1 to " + MAX_LIST, null, null);
    }
    String mac = clientMac == null ? null : normalMac(clientMac);
    if (mac != null && !MAC.matcher(mac).matches()) {
      return Messages.response(Response.Status.BAD_REQUEST, "clientMac: six pairs of hex digits separated by ':'", null, null);
    }
    return Response.ok(locations.history(mac, n)).build();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response record(Sighting s) {
    if (!node.isMse()) {
      return Messages.notAnMse();
    }
    if (!serving.writable()) {
      return PassiveServer.refusal(serving, engine);
    }
    String problem = problem(s);
    if (problem != null) {
      return Messages.response(Response.Status.BAD_REQUEST, problem, null, null);
    }
    var saved = locations.record(normalMac(s.clientMac), s.floor.strip(), s.x, s.y);
    return Response.status(Response.Status.CREATED).entity(saved).build();
  }

  /** A MAC address as stored: trimmed, lower case. */
  private static String normalMac(String mac) {
    return mac.strip().toLowerCase(java.util.Locale.ROOT);
  }

  private static String problem(Sighting s) {
    if (s == null) {
      return "body: a JSON object {\"clientMac\": ..., \"floor\": ..., \"x\": ..., \"y\": ...} is required";
    }
    if (s.clientMac == null || !MAC.matcher(normalMac(s.clientMac)).matches()) {
      return "clientMac: six pairs of hex digits separated by ':' (e.g. 00:1a:2b:3c:4d:5e)";
    }
    if (s.floor == null || s.floor.isBlank() || s.floor.strip().length() > MAX_FLOOR) {
      return "floor: 1 to " + MAX_FLOOR + " characters";
    }
    if (s.x == null || s.y == null || !Double.isFinite(s.x) || !Double.isFinite(s.y)) {
      return (s.x == null || !Double.isFinite(s.x) ? "x" : "y") + ": a number (feet from the floor's corner)";
    }
    return null;
  }
}
