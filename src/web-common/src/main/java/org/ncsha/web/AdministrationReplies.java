package org.ncsha.web;

import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.registration.HaAdministration;

/**
 * The answer to an administrator's HA request over REST (a registration on the admin port or by
 * {@code ncs ha register} on the HM port, a settings change): {@code done} when it was taken,
 * 400 naming each field's problem, 409 naming the state when the Health Monitor refused it.
 */
final class AdministrationReplies {
  private AdministrationReplies() {}

  interface Request {
    void make() throws org.ncsha.node.InvalidInput, CommandRefusedException;
  }

  static Response of(Request request, Supplier<Response> done, HaEngine engine) {
    try {
      request.make();
    } catch (org.ncsha.node.InvalidInput e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), "problems", e.problems());
    } catch (CommandRefusedException e) {
      return Messages.response(Response.Status.CONFLICT, e.getMessage(), "state", engine.status().state().displayName());
    }
    return done.get();
  }
}
