package org.ncsha.hm;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.ncsha.web.HmAuthenticator;

/**
 * The Health Monitor's Software Update asks for the authentication key again, as the guide's
 * page does: an install restarts the server, so a page left logged in is not enough. Open for
 * {@link #OPEN_FOR} after the key was given, then asked again.
 */
@Named
@SessionScoped
public class SoftwareGate implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject HmAuthenticator authenticator;
  @Inject HmSession session;

  static final java.time.Duration OPEN_FOR = java.time.Duration.ofMinutes(10);

  private java.time.Instant openUntil = java.time.Instant.EPOCH;
  private String key;

  public void unlock() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String from = ((HttpServletRequest) faces.getExternalContext().getRequest()).getRemoteAddr();
    HmAuthenticator.Verdict verdict = authenticator.checkLogin(HmAuthenticator.USER, key == null ? new char[0] : key.toCharArray(), from);
    key = null;
    if (verdict.allowed()) {
      openUntil = java.time.Instant.now().plus(OPEN_FOR);
    } else {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, verdict.message(), null));
    }
  }

  public boolean isOpen() {
    return session.isLoggedIn() && java.time.Instant.now().isBefore(openUntil);
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
