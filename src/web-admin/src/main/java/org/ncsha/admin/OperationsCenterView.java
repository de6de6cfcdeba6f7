package org.ncsha.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.ncsha.app.ServingRole;
import org.ncsha.node.InvalidInput;
import org.ncsha.node.NodeSettings;
import org.ncsha.opcenter.OcActivation;
import org.ncsha.opcenter.OcForms;
import org.ncsha.opcenter.OcInstance;
import org.ncsha.opcenter.OperationsCenter;

/**
 * Operations Center on the admin pages: its activation (the licence's stand-in), the managed
 * instances with their HA state, active server, device count and a cross-launch link, Add and
 * Delete. Each refusal is shown at its field; a change on the passive server says where to go.
 */
@Named
@RequestScoped
public class OperationsCenterView {
  @Inject OperationsCenter center;
  @Inject NodeSettings node;
  @Inject ServingRole serving;

  private final OcForms.AddInstance add = new OcForms.AddInstance();
  private List<OcInstance> instances;
  private java.util.Optional<OcActivation> activation;

  public boolean isMse() {
    return node.isMse();
  }

  public boolean isActivated() {
    return activation().isPresent();
  }

  public OcActivation getActivation() {
    return activation().orElse(null);
  }

  private java.util.Optional<OcActivation> activation() {
    if (activation == null) {
      activation = node.isMse() ? java.util.Optional.empty() : center.activation();
    }
    return activation;
  }

  public List<OcInstance> getInstances() {
    if (instances == null) {
      instances = isActivated() ? center.instances() : List.of();
    }
    return instances;
  }

  public OcForms.AddInstance getAdd() {
    return add;
  }

  public void activate() {
    if (refusedOnPassive()) {
      return;
    }
    try {
      String by = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
      OcActivation a = center.activate(by == null ? "admin" : by);
      activation = null;
      FieldMessages.info("This server is an Operations Center (activated by " + a.getActivatedBy() + ")");
    } catch (java.io.IOException | org.ncsha.files.FileArea.Refused e) {
      FieldMessages.error("activation: the key that seals the instances' passwords could not be made: " + e.getMessage(),
          Map.of());
    }
  }

  public void addInstance() {
    if (refusedOnPassive()) {
      return;
    }
    try {
      OcInstance added = center.add(add);
      instances = null;
      FieldMessages.info("Added the managed instance " + added.getAddress() + " (" + added.getHaState() + ", "
          + added.getDeviceCount() + " devices)");
      add.setAddress(null);
      add.setUser(null);
    } catch (InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, FIELDS));
    } finally {
      add.setPassword(null);
    }
  }

  public void delete(String address) {
    if (refusedOnPassive()) {
      return;
    }
    try {
      center.delete(address);
      instances = null;
      FieldMessages.info("Deleted the managed instance " + address + " from the list");
    } catch (InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, Map.of()));
    }
  }

  private boolean refusedOnPassive() {
    if (serving.writable()) {
      return false;
    }
    FieldMessages.error("This server is passive: change the Operations Center on the active server ("
        + (serving.activeServer() == null ? "none now" : serving.activeServer()) + ")", Map.of());
    return true;
  }

  private static final Map<String, String> FIELDS = Map.of("address", "oc:address", "user", "oc:user", "password",
      "oc:password");

}
