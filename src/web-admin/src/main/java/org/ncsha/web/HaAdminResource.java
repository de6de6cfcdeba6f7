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
import java.util.List;
import java.util.Map;
import org.ncsha.registration.HaAdministration;
import org.ncsha.registration.RegistrationForm;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.registration.RegistrationProgress;
import org.ncsha.store.HaStore;

/**
 * Administration > Settings > High Availability as REST on the admin port (administrators
 * only, web.xml): HA Status, registration with its milestone progress, and removal.
 */
@Path("/admin/ha")
@Produces(MediaType.APPLICATION_JSON)
public class HaAdminResource {
  @Inject HaEngine engine;
  @Inject HaStore store;
  @Inject HaAdministration administration;
  @Inject RegistrationProgress progress;
  @Inject org.ncsha.registration.ReadinessRunner readiness;
  @Inject org.ncsha.app.ServingRole serving;

  /** The HA Status page: current configuration, state and the newest events. */
  @GET
  @Path("/status")
  public Map<String, Object> status() {
    var config = store.config();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("secondaryServer", config.getPeerAddress());
    body.put("failoverType", engine.config().failoverType().wireName());
    body.put("state", engine.status().state().displayName());
    body.put("mode", engine.status().state().mode().displayName());
    // Whether this server serves the application now: how an Operations Center finds an instance's active server.
    body.put("serving", serving.writable());
    List<Map<String, String>> events = EventsJson.page(store, 0, 50);
    body.put("events", events);
    return body;
  }

  @POST
  @Path("/registration")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(RegistrationForm form) {
    return AdministrationReplies.of(() -> administration.register(form),
        () -> Response.accepted(progress.snapshot()).build(), engine);
  }

  /**
   * The Failover Type, Email Address list and virtual IP of a running pair, changed on both
   * servers ({@code virtualIpv4}/{@code virtualIpv6}: left out keeps the address, "" removes it):
   * 200 with the settings now in force, 400 naming each field's problem, 409 while a failover,
   * failback or registration runs or the peer does not answer.
   */
  @jakarta.ws.rs.PUT
  @Path("/settings")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changeSettings(org.ncsha.registration.HaSettingsForm form) {
    return AdministrationReplies.of(() -> administration.changeSettings(form), () -> {
      var vips = engine.config().virtualIps();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("failoverType", engine.config().failoverType().wireName());
      body.put("failbackType", engine.config().failbackType().wireName());
      body.put("emailAddress", String.join(", ", org.ncsha.mail.EmailList.parse(store.config().getEmails())));
      body.put("virtualIpv4", vips.ipv4() == null ? "" : vips.ipv4());
      body.put("virtualIpv6", vips.ipv6() == null ? "" : vips.ipv6());
      return Response.ok(body).build();
    }, engine);
  }

  @GET
  @Path("/registration")
  public Map<String, Object> registration() {
    return progress.snapshot();
  }

  /**
   * Check Readiness: the registration checklist against the secondary and key of the form (the
   * other fields are not needed). Answers within about 30 s; nothing is changed on either server.
   */
  @POST
  @Path("/readiness")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response readiness(RegistrationForm form) {
    List<String> problems = form.problems().stream()
        .filter(p -> p.startsWith("Secondary Server") || p.startsWith("Authentication Key")).toList();
    if (!problems.isEmpty()) {
      return Messages.response(Response.Status.BAD_REQUEST, String.join("; ", problems), "problems", problems);
    }
    char[] key = form.getAuthenticationKey().toCharArray();
    try {
      return Response.ok(ReadinessJson.run(readiness.registration(form.getSecondaryServer().trim(), key,
          form.virtualIps()))).build();
    } finally {
      java.util.Arrays.fill(key, '\0');
    }
  }

  @DELETE
  @Path("/registration")
  public Response remove(@jakarta.ws.rs.QueryParam("peerIsDown") boolean peerIsDown) {
    try {
      administration.remove(peerIsDown);
    } catch (CommandRefusedException e) {
      return Messages.response(Response.Status.CONFLICT, e.getMessage(), "state", engine.status().state().displayName());
    }
    return Messages.response(Response.Status.ACCEPTED, "HA removal accepted", "state", engine.status().state().displayName());
  }

}
