package org.ncsha.web;

import jakarta.ws.rs.core.Response;
import org.ncsha.app.ServingRole;
import org.ncsha.monitor.HaEngine;

/** The one answer to a write sent to a server that does not serve writes: 503, naming the active one. */
final class PassiveServer {
  private PassiveServer() {}

  static Response refusal(ServingRole serving, HaEngine engine) {
    String active = serving.activeServer();
    return Messages.response(
        Response.Status.SERVICE_UNAVAILABLE,
        "This server is passive and does not accept writes"
            + " (" + serving.whyNotServing(engine.status().state(), engine.config()) + ")"
            + "; "
            + (active == null
                ? "no server is known to be active at the moment."
                : "the active server is " + active + "."),
        "activeServer",
        active);
  }
}
