package org.ncsha.hm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.ncsha.monitor.HmLog;
import org.ncsha.monitor.LogLevel;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/** The Health Monitor page's Logging section: Message Level with Save, and Download. */
@Named
@RequestScoped
public class HmLogging {
  @Inject HmLog log;
  @Inject HmSession session;

  private String level;

  public String getLevel() {
    return level == null ? log.level().displayName() : level;
  }

  public void setLevel(String level) {
    this.level = level;
  }

  public List<String> getLevels() {
    return Arrays.stream(LogLevel.values()).map(LogLevel::displayName).toList();
  }

  public void save() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!session.isLoggedIn()) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Log in as root with the authentication key", null));
      return;
    }
    try {
      LogLevel chosen = LogLevel.fromDisplayName(level);
      log.setLevel(chosen);
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, "Message Level set to " + chosen.displayName(), null));
    } catch (IllegalArgumentException e) {
      faces.addMessage("hm:level", new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
    }
  }

  /** The log archive, built in a temporary file so that a large log never sits in memory. */
  public StreamedContent getArchive() {
    if (!session.isLoggedIn()) {
      return null;
    }
    try {
      Path zip = Files.createTempFile("hm-logs-", ".zip");
      try (OutputStream out = Files.newOutputStream(zip)) {
        log.writeArchive(out);
      }
      return DefaultStreamedContent.builder()
          .name("hm-logs.zip")
          .contentType("application/zip")
          .stream(() -> {
            try {
              return Files.newInputStream(zip, StandardOpenOption.DELETE_ON_CLOSE);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build the log archive", e);
    }
  }
}
