package org.ncsha.hm;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import org.ncsha.web.HmAuthenticator;

/** The Health Monitor page's login: user root with the authentication key, nothing kept after the check. */
@Named
@SessionScoped
public class HmSession implements Serializable {
  private static final long serialVersionUID = 1L;

  @Inject HmAuthenticator authenticator;

  private boolean loggedIn;
  /** The key generation this session logged in with: a key change ends the session. */
  private int keyGeneration;
  private String user = HmAuthenticator.USER;
  private String key;

  public void login() {
    FacesContext faces = FacesContext.getCurrentInstance();
    String from = ((HttpServletRequest) faces.getExternalContext().getRequest()).getRemoteAddr();
    HmAuthenticator.Verdict verdict = authenticator.checkLogin(user == null ? "" : user, key == null ? new char[0] : key.toCharArray(), from);
    key = null;
    if (verdict.allowed()) {
      // A new session id after login, so a session fixed before login is worthless.
      ((HttpServletRequest) faces.getExternalContext().getRequest()).changeSessionId();
      loggedIn = true;
      keyGeneration = authenticator.keyGeneration();
    } else {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, verdict.message(), null));
    }
  }

  public String logout() {
    FacesContext.getCurrentInstance().getExternalContext().invalidateSession();
    return "/hm/index.xhtml?faces-redirect=true";
  }

  public boolean isLoggedIn() {
    return loggedIn && keyGeneration == authenticator.keyGeneration();
  }

  public String getUser() {
    return user;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}
