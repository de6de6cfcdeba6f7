package org.ncsha.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import org.ncsha.app.ServingRole;
import org.ncsha.files.FileArea;
import org.ncsha.node.InvalidInput;
import org.ncsha.node.NodeSettings;
import org.ncsha.opcenter.OcForms;
import org.ncsha.opcenter.OperationsCenter;
import org.ncsha.opcenter.SsoClient;
import org.ncsha.opcenter.SsoProvider;

/**
 * Administration > Users > SSO Servers: on an Operations Center its Single Sign-On server (the
 * provider, at the virtual IP); on every server its own SSO server (the client). Each refusal is
 * shown at its field; a change on the passive server says where to go.
 */
@Named
@RequestScoped
public class SsoServersView {
  private static final Map<String, String> FIELDS = Map.of("address", "sso:address", "user", "sso:user", "password",
      "sso:password", "issuerHost", "sso:issuerHost");

  @Inject NodeSettings node;
  @Inject ServingRole serving;
  @Inject OperationsCenter center;
  @Inject SsoProvider sso;
  @Inject SsoClient client;

  private final OcForms.AddSsoServer add = new OcForms.AddSsoServer();
  private final OcForms.SsoServer provider = new OcForms.SsoServer();

  public boolean isMse() {
    return node.isMse();
  }

  /** Whether this node runs Liberty's OpenID Connect features (single.sign.on=yes). */
  public boolean isFeatures() {
    return node.singleSignOn();
  }

  public boolean isOperationsCenter() {
    return !node.isMse() && center.isActive();
  }

  /** The provider's issuer when it is on. */
  public String getIssuer() {
    return sso.issuerHost().map(SsoProvider::issuer).orElse(null);
  }

  /** This server's SSO server, when one is added. */
  public String getServer() {
    return client.server().orElse(null);
  }

  public OcForms.AddSsoServer getAdd() {
    return add;
  }

  public OcForms.SsoServer getProvider() {
    return provider;
  }

  public void setUpProvider() {
    if (refusedOnPassive()) {
      return;
    }
    try {
      FieldMessages.info("The Single Sign-On server is on, issuer " + sso.enable(provider.getIssuerHost()));
    } catch (InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, FIELDS));
    } catch (java.io.IOException | FileArea.Refused e) {
      FieldMessages.error("issuerHost: the Single Sign-On server could not be set up: " + e.getMessage(), FIELDS);
    }
  }

  public void turnOffProvider() {
    if (refusedOnPassive()) {
      return;
    }
    try {
      sso.disable();
      FieldMessages.info("The Single Sign-On server is off");
    } catch (java.io.IOException | FileArea.Refused e) {
      FieldMessages.error("The Single Sign-On server could not be turned off: " + e.getMessage(), Map.of());
    }
  }

  public void addServer() {
    if (refusedOnPassive()) {
      return;
    }
    try {
      FieldMessages.info("SSO server added: page logins go through " + client.add(add));
      add.setAddress(null);
      add.setUser(null);
    } catch (InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, FIELDS));
    } catch (java.io.IOException | FileArea.Refused e) {
      FieldMessages.error("address: the SSO server could not be saved: " + e.getMessage(), FIELDS);
    } finally {
      add.setPassword(null);
    }
  }

  public void deleteServer() {
    if (refusedOnPassive()) {
      return;
    }
    try {
      FieldMessages.info(client.delete() ? "SSO server deleted: page logins are this server's own" : "No SSO server was set");
    } catch (java.io.IOException | FileArea.Refused e) {
      FieldMessages.error("The SSO server could not be deleted: " + e.getMessage(), Map.of());
    }
  }

  private boolean refusedOnPassive() {
    if (serving.writable()) {
      return false;
    }
    FieldMessages.error("This server is passive: change its SSO servers on the active server ("
        + (serving.activeServer() == null ? "none now" : serving.activeServer()) + ")", Map.of());
    return true;
  }
}
