package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.ncsha.app.DeviceService;
import org.ncsha.app.ManagedDevice;
import org.ncsha.app.ServingRole;

/** The managed application's minimal REST API on 9443 (admin login enforced in web.xml). */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {
  private static final int MAX_FIELD = 255;

  @Inject DeviceService devices;
  @Inject ServingRole serving;
  @Inject org.ncsha.monitor.HaEngine engine;

  /** The body of POST /api/devices. */
  public static class DeviceRequest {
    public String name;
    public String address;
  }

  @GET
  public List<ManagedDevice> list() {
    return devices.list();
  }

  /** {@code {"count": n}}: what an Operations Center shows of this server without reading every device. */
  @GET
  @Path("/count")
  public java.util.Map<String, Long> count() {
    return java.util.Map.of("count", devices.count());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response add(DeviceRequest request) {
    if (!serving.writable()) {
      return PassiveServer.refusal(serving, engine);
    }
    String problem = validate(request);
    if (problem != null) {
      return Messages.response(Response.Status.BAD_REQUEST, problem, null, null);
    }
    if (devices.exists(request.name.trim())) {
      return Messages.response(
          Response.Status.CONFLICT, "name: a device named '" + request.name.trim() + "' exists already", null, null);
    }
    ManagedDevice saved = devices.add(request.name.trim(), request.address.trim());
    return Response.status(Response.Status.CREATED).entity(saved).build();
  }

  private static String validate(DeviceRequest r) {
    if (r == null) {
      return "body: a JSON object {\"name\": ..., \"address\": ...} is required";
    }
    if (r.name == null || r.name.isBlank()) {
      return "name: must not be empty";
    }
    if (r.address == null || r.address.isBlank()) {
      return "address: must not be empty";
    }
    if (r.name.length() > MAX_FIELD || r.address.length() > MAX_FIELD) {
      return (r.name.length() > MAX_FIELD ? "name" : "address") + ": at most " + MAX_FIELD + " characters";
    }
    return null;
  }
}
