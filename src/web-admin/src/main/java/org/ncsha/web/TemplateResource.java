package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ncsha.app.ServingRole;
import org.ncsha.files.FileArea;
import org.ncsha.files.FileSync;
import org.ncsha.filesync.SyncPath;
import org.ncsha.monitor.HaEngine;

/**
 * Configuration templates, the managed application's small real use of file sync: a template
 * is a file in the file area's {@code templates/} folder, saved on the active server and read
 * on either (the passive one has it once file sync has sent it). Admin login (web.xml).
 */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  static final int MAX_CONTENT_BYTES = 1024 * 1024;

  @Inject FileSync files;
  @Inject ServingRole serving;
  @Inject HaEngine engine;

  /** The body of POST /api/templates. */
  public static class TemplateRequest {
    public String name;
    public String content;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response save(TemplateRequest request) throws IOException {
    if (!serving.writable()) {
      return PassiveServer.refusal(serving, engine);
    }
    if (request == null) {
      return Messages.response(Response.Status.BAD_REQUEST, "body: a JSON object {\"name\": ..., \"content\": ...} is required", null, null);
    }
    String problem = nameProblem(request.name);
    if (problem == null && request.content == null) {
      problem = "content: is required";
    }
    byte[] content = request.content == null ? new byte[0] : request.content.getBytes(StandardCharsets.UTF_8);
    if (problem == null && content.length > MAX_CONTENT_BYTES) {
      problem = "content: at most " + MAX_CONTENT_BYTES + " bytes, was " + content.length;
    }
    if (problem != null) {
      return Messages.response(Response.Status.BAD_REQUEST, problem, null, null);
    }
    try {
      files.area().write(path(request.name), content);
    } catch (FileArea.Refused e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), null, null);
    }
    return Response.status(Response.Status.CREATED).entity(Map.of("name", request.name, "bytes", content.length)).build();
  }

  @GET
  @Path("/{name}")
  public Response read(@PathParam("name") String name) throws IOException {
    String problem = nameProblem(name);
    if (problem != null) {
      return Messages.response(Response.Status.BAD_REQUEST, problem, null, null);
    }
    Optional<byte[]> content;
    try {
      content = files.area().read(path(name), MAX_CONTENT_BYTES);
    } catch (FileArea.Refused e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), null, null);
    }
    return content.map(c -> Response.ok(Map.of("name", name, "content", new String(c, StandardCharsets.UTF_8))).build())
        .orElseGet(() -> Messages.response(Response.Status.NOT_FOUND, "name: no template named '" + name + "'", null, null));
  }

  @DELETE
  @Path("/{name}")
  public Response delete(@PathParam("name") String name) throws IOException {
    if (!serving.writable()) {
      return PassiveServer.refusal(serving, engine);
    }
    String problem = nameProblem(name);
    if (problem != null) {
      return Messages.response(Response.Status.BAD_REQUEST, problem, null, null);
    }
    try {
      return files.area().delete(path(name)) ? Response.noContent().build()
          : Messages.response(Response.Status.NOT_FOUND, "name: no template named '" + name + "'", null, null);
    } catch (FileArea.Refused e) {
      return Messages.response(Response.Status.BAD_REQUEST, e.getMessage(), null, null);
    }
  }

  static String nameProblem(String name) {
    if (name == null || name.isBlank()) {
      return "name: must not be empty";
    }
    if (!NAME.matcher(name).matches()) {
      return "name: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit, was '" + name + "'";
    }
    return null;
  }

  private static SyncPath path(String name) {
    return SyncPath.of("templates/" + name);
  }
}
