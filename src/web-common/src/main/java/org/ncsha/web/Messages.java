package org.ncsha.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of every REST error and refusal: {"message": ..., optional extra field}. Bad
 * input names each broken rule, field first, in {@code "problems"} (a list), whichever resource
 * refused it.
 */
final class Messages {
  private Messages() {}

  static Response response(Response.Status status, String message, String extraKey, Object extraValue) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    if (extraKey != null) {
      body.put(extraKey, extraValue);
    }
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  /** The answer of an MSE's paths (its location service, getserverinfo) on a node that is not an MSE. */
  static Response notAnMse() {
    return response(Response.Status.NOT_FOUND, "this server is not an MSE (node.kind=server)", null, null);
  }
}
