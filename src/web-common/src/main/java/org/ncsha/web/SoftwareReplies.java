package org.ncsha.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncsha.node.ProductVersion;
import org.ncsha.rolling.RollingUpdate;
import org.ncsha.software.BundleUploads;
import org.ncsha.software.PendingInstall;
import org.ncsha.software.UpdateInstaller;
import org.ncsha.software.UpdateLedger;
import org.ncsha.software.UpdateRecord;
import org.ncsha.software.UpdateRefusedException;
import org.ncsha.update.RollingProgress;

/**
 * The software update REST of both ports (9443 for administrators, 8082 for root with the key
 * and the local CLI): one shape of listing, upload and install answers.
 */
public final class SoftwareReplies {
  private SoftwareReplies() {}

  /** The body of an install: {"patchId": ...}, an uploaded bundle's id. */
  public static class InstallRequest {
    public String patchId;
  }

  /** The version, the patch level, the pending install, the uploaded bundles and the Status of Updates table. */
  public static Response overview(UpdateInstaller installer, BundleUploads uploads, UpdateLedger ledger,
      RollingUpdate rolling) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("version", ProductVersion.current());
    body.put("patches", List.copyOf(ledger.installedPatchIds()));
    body.put("pending", installer.pending().map(SoftwareReplies::json).orElse(null));
    body.put("uploads", uploads.list().stream().map(SoftwareReplies::json).toList());
    body.put("updates", ledger.all().stream().map(SoftwareReplies::json).toList());
    body.put("rolling", rolling.current().map(SoftwareReplies::json).orElse(null));
    return Response.ok(body).build();
  }

  /** 202 once a rolling update started (it goes on by itself), or 409 naming every reason (nothing changed). */
  public static Response rolling(RollingUpdate rolling, String patchId) throws IOException {
    try {
      RollingProgress p = rolling.start(patchId);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("message", rollingStarted(p));
      body.put("rolling", json(p));
      return Response.accepted(body).type(MediaType.APPLICATION_JSON).build();
    } catch (UpdateRefusedException e) {
      return refusal(Response.Status.CONFLICT, "The rolling update was not started: ", e);
    }
  }

  /** 201 with the verified upload, or 400 naming every problem (nothing kept). */
  public static Response upload(BundleUploads uploads, InputStream body) throws IOException {
    try {
      return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON).entity(json(uploads.upload(body, null))).build();
    } catch (UpdateRefusedException e) {
      return refusal(Response.Status.BAD_REQUEST, "The update file was refused: ", e);
    }
  }

  /** 202 once the restart into the update is under way, or 409 naming every reason (nothing changed). */
  public static Response install(UpdateInstaller installer, String patchId) throws IOException {
    try {
      PendingInstall install = installer.install(patchId);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("message", "Installing update " + install.patchId() + " (" + install.version()
          + "): ncs-ha restarts now and is unavailable until it has started again");
      body.put("pending", json(install));
      return Response.accepted(body).type(MediaType.APPLICATION_JSON).build();
    } catch (UpdateRefusedException e) {
      return refusal(Response.Status.CONFLICT, "The update was not installed: ", e);
    }
  }

  /**
   * 200 once the uploaded bundle {@code patchId} is deleted, 404 when no upload has that id, or
   * 409 while the rolling update running from this server needs it (nothing changed).
   */
  public static Response remove(BundleUploads uploads, RollingUpdate rolling, String patchId) throws IOException {
    try {
      if (!uploads.remove(patchId, rolling.current())) {
        return refusal(Response.Status.NOT_FOUND, "The update file was not deleted: ",
            new UpdateRefusedException(BundleUploads.noUpload(patchId)));
      }
      return Response.ok(Map.of("message", deleted(patchId))).type(MediaType.APPLICATION_JSON).build();
    } catch (UpdateRefusedException e) {
      return refusal(Response.Status.CONFLICT, "The update file was not deleted: ", e);
    }
  }

  /** What the page and the REST answer say when an uploaded bundle is deleted. */
  static String deleted(String patchId) {
    return "Deleted the uploaded update " + patchId;
  }

  /** What the page and the REST answer say when a rolling update starts. */
  static String rollingStarted(RollingProgress p) {
    return "Rolling update to " + p.targetVersion() + " started. The secondary is updated first; while this server restarts"
        + " its pages are unavailable, and the Health Monitor page (port 8082) shows the steps.";
  }

  private static Response refusal(Response.Status status, String prefix, UpdateRefusedException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", prefix + e.getMessage());
    body.put("problems", e.problems());
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  private static Map<String, Object> json(BundleUploads.Upload u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("patchId", u.manifest().patchId());
    m.put("name", u.manifest().name());
    m.put("version", u.manifest().version().toString());
    m.put("published", u.manifest().published().toString());
    m.put("description", u.manifest().description());
    m.put("appliesFrom", u.manifest().appliesFrom().toString());
    m.put("haCompatibility", u.manifest().ha().wireName());
    m.put("uploaded", u.uploaded().toString());
    return m;
  }

  private static Map<String, Object> json(RollingProgress p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("patchId", p.patchId());
    m.put("targetVersion", p.targetVersion());
    m.put("fromVersion", p.fromVersion());
    m.put("status", p.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("startedAt", p.startedAt().toString());
    m.put("message", p.message());
    m.put("steps", RollingSteps.of(p).stream().map(step -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("step", step.name());
      row.put("status", step.status());
      row.put("finishedAt", step.finishedAt() == null ? null : step.finishedAt().toString());
      return row;
    }).toList());
    return m;
  }

  private static Map<String, Object> json(PendingInstall p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("patchId", p.patchId());
    m.put("version", p.version());
    m.put("fromVersion", p.fromVersion());
    return m;
  }

  private static Map<String, Object> json(UpdateRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("patchId", r.getPatchId());
    m.put("name", r.getName());
    m.put("version", r.getVersion());
    m.put("fromVersion", r.getFromVersion());
    m.put("published", r.getPublished());
    m.put("description", r.getDescription());
    m.put("status", r.getStatus());
    m.put("at", r.getAt().toString());
    m.put("detail", r.getDetail());
    return m;
  }
}
