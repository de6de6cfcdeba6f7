package org.ncsha.web;

import jakarta.ws.rs.core.Response;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;
import org.ncsha.registration.HaAdministration;
import org.ncsha.registration.RegistrationForm;
import org.ncsha.registration.RegistrationProgress;

/**
 * A registration asked for over REST (on the admin port, or on the HM port by {@code ncs ha
 * register}): 202 with the milestones, 400 naming each field's problem, 409 naming the state.
 */
final class RegistrationReplies {
  private RegistrationReplies() {}

  static Response register(RegistrationForm form, HaAdministration administration, RegistrationProgress progress,
      HaEngine engine) {
    try {
      administration.register(form);
    } catch (HaAdministration.InvalidForm e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), "errors", e.problems());
    } catch (CommandRefusedException e) {
      return Messages.response(Response.Status.CONFLICT, e.getMessage(), "state", engine.status().state().displayName());
    }
    return Response.accepted(progress.snapshot()).build();
  }
}
