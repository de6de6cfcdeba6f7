package org.ncsha.web;

import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.ncsha.app.ServingRole;
import org.ncsha.monitor.HaEngine;
import org.ncsha.node.InvalidInput;
import org.ncsha.node.NodeSettings;

/**
 * A change of what only a server node manages (its MSE list, its Operations Center): an MSE
 * refuses it (404, {@code onMse}), so does the passive server (503, naming the active one), and a
 * bad form is a 400 with every problem.
 */
final class ServerChange {
  private ServerChange() {}

  /** The change itself: its answer, or the form's refusal. */
  interface Made {
    Response answer() throws InvalidInput;
  }

  static Response run(NodeSettings node, ServingRole serving, HaEngine engine, Supplier<Response> onMse, Made made) {
    if (node.isMse()) {
      return onMse.get();
    }
    if (!serving.writable()) {
      return PassiveServer.refusal(serving, engine);
    }
    try {
      return made.answer();
    } catch (InvalidInput e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), "problems", e.problems());
    }
  }
}
