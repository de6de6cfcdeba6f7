package org.ncsha.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Any error a resource did not answer itself: logged in full under an id, answered with that id
 * only, so internals (SQL, class names, stack traces) never reach a client.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable error) {
    if (error instanceof WebApplicationException wae) {
      return wae.getResponse();
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.log(Level.SEVERE, "Request failed (error id " + id + ")", error);
    return Messages.response(Response.Status.INTERNAL_SERVER_ERROR,
        "The server could not complete the request (error id " + id + " in the server log)", null, null);
  }
}
