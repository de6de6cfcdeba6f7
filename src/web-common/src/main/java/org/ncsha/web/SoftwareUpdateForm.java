package org.ncsha.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.ncsha.node.ProductVersion;
import org.ncsha.software.BundleUploads;
import org.ncsha.software.PendingInstall;
import org.ncsha.software.UpdateInstaller;
import org.ncsha.software.UpdateLedger;
import org.ncsha.software.UpdateRecord;
import org.ncsha.software.UpdateRefusedException;

/**
 * The Software Update page of both ports (Administration > Licenses and Software Updates >
 * Software Update on 9443, the Health Monitor's Software Update on 8082): upload, the uploaded
 * files, Install, the Status of Updates.
 */
@Named("softwareUpdate")
@RequestScoped
public class SoftwareUpdateForm {
  @Inject BundleUploads uploads;
  @Inject UpdateInstaller installer;
  @Inject UpdateLedger ledger;
  @Inject org.ncsha.rolling.RollingUpdate rolling;
  @Inject org.ncsha.monitor.HaEngine engine;

  private Part file;

  public Part getFile() {
    return file;
  }

  public void setFile(Part file) {
    this.file = file;
  }

  public void upload() {
    if (file == null || file.getSize() == 0) {
      message(FacesMessage.SEVERITY_ERROR, "Update file: choose a file to upload first");
      return;
    }
    try (InputStream in = file.getInputStream()) {
      var upload = uploads.upload(in, null);
      message(FacesMessage.SEVERITY_INFO, "Uploaded and verified: " + upload.manifest().patchId() + " ("
          + upload.manifest().name() + " " + upload.manifest().version() + ")");
    } catch (UpdateRefusedException e) {
      e.problems().forEach(p -> message(FacesMessage.SEVERITY_ERROR, "The update file was refused: " + p));
    } catch (IOException e) {
      message(FacesMessage.SEVERITY_ERROR, "The update file could not be stored: " + e.getMessage());
    } finally {
      try {
        file.delete();
      } catch (IOException e) {
        // The container removes it at the end of the request anyway.
      }
    }
  }

  public void install(String patchId) {
    try {
      PendingInstall install = installer.install(patchId);
      message(FacesMessage.SEVERITY_WARN, "Installing " + install.patchId() + " (" + install.version()
          + "): ncs-ha on this server restarts now and is unavailable until it has started again; reload this page then.");
    } catch (UpdateRefusedException e) {
      e.problems().forEach(p -> message(FacesMessage.SEVERITY_ERROR, "Not installed: " + p));
    } catch (IOException e) {
      message(FacesMessage.SEVERITY_ERROR, "Not installed: " + e.getMessage());
    }
  }

  public void remove(String patchId) {
    try {
      if (uploads.remove(patchId, rolling.current())) {
        message(FacesMessage.SEVERITY_INFO, SoftwareReplies.deleted(patchId));
      } else {
        message(FacesMessage.SEVERITY_ERROR, "Not deleted: " + BundleUploads.noUpload(patchId));
      }
    } catch (UpdateRefusedException e) {
      e.problems().forEach(p -> message(FacesMessage.SEVERITY_ERROR, "Not deleted: " + p));
    } catch (IOException e) {
      message(FacesMessage.SEVERITY_ERROR, "Not deleted: " + e.getMessage());
    }
  }

  /** The one-click rolling update, from the primary of a pair. */
  public void rolling(String patchId) {
    try {
      var p = rolling.start(patchId);
      rollingUpdate = null;
      message(FacesMessage.SEVERITY_WARN, SoftwareReplies.rollingStarted(p));
    } catch (UpdateRefusedException e) {
      e.problems().forEach(p -> message(FacesMessage.SEVERITY_ERROR, "Not started: " + p));
    } catch (IOException e) {
      message(FacesMessage.SEVERITY_ERROR, "Not started: " + e.getMessage());
    }
  }

  /** Only the primary of a configured pair offers it; the Health Monitor still checks the states when it starts. */
  public boolean isRollingOffered() {
    return engine.config().role() == org.ncsha.ha.Role.PRIMARY && engine.status().state().haConfigured();
  }

  /** Read once a request: the page shows its status and steps from one reading. */
  private java.util.Optional<org.ncsha.update.RollingProgress> rollingUpdate;

  /** The rolling update running or last run on this server, or null. */
  public org.ncsha.update.RollingProgress getRollingUpdate() {
    if (rollingUpdate == null) {
      rollingUpdate = rolling.current();
    }
    return rollingUpdate.orElse(null);
  }

  /** "Running", "Completed" or "Failed". */
  public String getRollingStatus() {
    var p = getRollingUpdate();
    return p == null ? "" : RollingSteps.capitalized(p.status().name());
  }

  public List<RollingSteps> getRollingSteps() {
    var p = getRollingUpdate();
    return p == null ? List.of() : RollingSteps.of(p);
  }

  public String getVersion() {
    return ProductVersion.current();
  }

  public String getPatches() {
    var patches = ledger.installedPatchIds();
    return patches.isEmpty() ? "none" : String.join(", ", patches);
  }

  /** "ID (version)" while an install waits for the restart; null otherwise. */
  public String getPending() {
    return installer.pending().map(p -> p.patchId() + " (" + p.version() + ")").orElse(null);
  }

  public List<BundleUploads.Upload> getUploads() throws IOException {
    return uploads.list();
  }

  public List<UpdateRecord> getUpdates() {
    return ledger.all();
  }

  private static void message(FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
  }
}
