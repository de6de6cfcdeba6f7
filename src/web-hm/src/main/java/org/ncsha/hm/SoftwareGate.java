package org.ncsha.hm;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.ncsha.web.HmAuthenticator;

/**
 * The Health Monitor's Software Update asks for the authentication key again, as the guide's
 * page does: an install restarts the server, so a page left logged in is not enough. Open for
 * this view only.
 */
@Named
@ViewScoped
public class SoftwareGate implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject HmAuthenticator authenticator;
  @Inject HmSession session;

  private boolean open;
  private String key;

  public void unlock() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String from = ((HttpServletRequest) faces.getExternalContext().getRequest()).getRemoteAddr();
    HmAuthenticator.Verdict verdict = authenticator.checkLogin(HmAuthenticator.USER, key == null ? new char[0] : key.toCharArray(), from);
    key = null;
    if (verdict.allowed()) {
      open = true;
    } else {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, verdict.message(), null));
    }
  }

  public boolean isOpen() {
    return open && session.isLoggedIn();
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
