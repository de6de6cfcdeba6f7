package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.ncsha.software.BundleUploads;
import org.ncsha.software.UpdateInstaller;
import org.ncsha.software.UpdateLedger;

/**
 * The Health Monitor's Software Update (root with the key, or the local CLI): the guide patches a
 * secondary from its HM page, since a secondary has no administration pages of its own to use.
 */
@Path("/software")
@Produces(MediaType.APPLICATION_JSON)
public class SoftwareResource {
  @Inject HmAuthenticator auth;
  @Inject UpdateInstaller installer;
  @Inject BundleUploads uploads;
  @Inject UpdateLedger ledger;
  @Inject org.ncsha.rolling.RollingUpdate rolling;
  @Context HttpServletRequest request;

  @GET
  public Response overview(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token) throws IOException {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : SoftwareReplies.overview(installer, uploads, ledger, rolling);
  }

  @POST
  @Path("/uploads")
  @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
  public Response upload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, InputStream body) throws IOException {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : SoftwareReplies.upload(uploads, body);
  }

  @DELETE
  @Path("/uploads/{patchId}")
  public Response remove(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, @PathParam("patchId") String patchId) throws IOException {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : SoftwareReplies.remove(uploads, rolling, patchId);
  }

  @POST
  @Path("/install")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response install(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, SoftwareReplies.InstallRequest body) throws IOException {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : SoftwareReplies.install(installer, body == null ? null : body.patchId);
  }

  @POST
  @Path("/rolling")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response rolling(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(HmAuthenticator.CLI_TOKEN_HEADER) String token, SoftwareReplies.InstallRequest body) throws IOException {
    Response refused = auth.refusal(authorization, token, request.getRemoteAddr());
    return refused != null ? refused : SoftwareReplies.rolling(rolling, body == null ? null : body.patchId);
  }
}
