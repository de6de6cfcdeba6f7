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
import java.io.InputStream;
import org.ncsha.software.BundleUploads;
import org.ncsha.software.UpdateInstaller;
import org.ncsha.software.UpdateLedger;

/** Administration > Licenses and Software Updates > Software Update, as REST for administrators. */
@Path("/admin/software")
@Produces(MediaType.APPLICATION_JSON)
public class SoftwareAdminResource {
  @Inject UpdateInstaller installer;
  @Inject BundleUploads uploads;
  @Inject UpdateLedger ledger;
  @Inject org.ncsha.rolling.RollingUpdate rolling;

  @GET
  public Response overview() throws IOException {
    return SoftwareReplies.overview(installer, uploads, ledger, rolling);
  }

  @POST
  @Path("/uploads")
  @Consumes({"application/zip", MediaType.APPLICATION_OCTET_STREAM})
  public Response upload(InputStream body) throws IOException {
    return SoftwareReplies.upload(uploads, body);
  }

  @DELETE
  @Path("/uploads/{patchId}")
  public Response remove(@PathParam("patchId") String patchId) throws IOException {
    return SoftwareReplies.remove(uploads, rolling, patchId);
  }

  @POST
  @Path("/install")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response install(SoftwareReplies.InstallRequest body) throws IOException {
    return SoftwareReplies.install(installer, body == null ? null : body.patchId);
  }

  /** One click: the secondary, a switchover, the primary, a switch back (docs/operations.md). */
  @POST
  @Path("/rolling")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response rolling(SoftwareReplies.InstallRequest body) throws IOException {
    return SoftwareReplies.rolling(rolling, body == null ? null : body.patchId);
  }
}
