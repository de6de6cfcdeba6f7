package org.ncsha.admin;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.ncsha.app.MseAlarm;
import org.ncsha.app.MseAppliance;
import org.ncsha.app.MseDirectory;
import org.ncsha.app.MseForms;
import org.ncsha.node.NodeSettings;

/**
 * Services > Mobility Services Engines on the admin server: the MSEs with their version, type,
 * role and HA state as last seen, Add and Delete, the High Availability pairing of a primary with a
 * secondary, its Failback (onto a replaced primary too), and the Alarms list. Each refusal is shown at its field.
 */
@Named
@RequestScoped
public class MseView {
  private static final int ALARMS_SHOWN = 50;

  @Inject MseDirectory directory;
  @Inject NodeSettings node;

  private final MseForms.Add add = new MseForms.Add();
  private final MseForms.Pair pair = new MseForms.Pair();
  private final MseForms.Failback failback = new MseForms.Failback();

  public MseView() {
    pair.setFailoverType("manual");
    pair.setFailbackType("manual");
  }

  /** Whether this node is an MSE, which is managed and does not manage (the page says so). */
  public boolean isMse() {
    return node.isMse();
  }

  /** Read once a request: the table asks for its value several times while it renders. */
  private List<MseAppliance> appliances;
  private List<MseAlarm> alarms;

  public List<MseAppliance> getAppliances() {
    if (appliances == null) {
      appliances = node.isMse() ? List.of() : directory.all();
    }
    return appliances;
  }

  public List<MseAlarm> getAlarms() {
    if (alarms == null) {
      alarms = node.isMse() ? List.of() : directory.alarms(ALARMS_SHOWN);
    }
    return alarms;
  }

  public MseForms.Add getAdd() {
    return add;
  }

  public MseForms.Pair getPair() {
    return pair;
  }

  public MseForms.Failback getFailback() {
    return failback;
  }

  public void addMse() {
    try {
      MseAppliance added = directory.add(add);
      appliances = null; // the list shows the new one
      FieldMessages.info("Added " + added.getName() + " (" + added.getAddress() + "), " + added.getApplianceType() + ", version "
          + added.getVersion() + ", " + added.getHaState());
      add.setAddress(null);
    } catch (org.ncsha.node.InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, FIELDS));
    } finally {
      add.setPassword(null);
    }
  }

  public void pairMses() {
    try {
      FieldMessages.info(directory.pair(pair));
    } catch (org.ncsha.node.InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, FIELDS));
    } finally {
      pair.setPrimaryPassword(null);
      pair.setSecondaryPassword(null);
    }
  }

  public void failBack() {
    try {
      FieldMessages.info(directory.failback(failback));
    } catch (org.ncsha.node.InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, FAILBACK_FIELDS));
    } finally {
      failback.setSecondaryPassword(null);
    }
  }

  public void delete(String address) {
    try {
      directory.delete(address);
      appliances = null;
      FieldMessages.info("Deleted the MSE at " + address + " from the list");
    } catch (org.ncsha.node.InvalidInput e) {
      e.problems().forEach(p -> FieldMessages.error(p, Map.of()));
    }
  }

  /** Each problem names its field first ("address: ..."): shown at that field, the rest at the top. */
  private static final Map<String, String> FIELDS = Map.of("address", "mse:address", "password", "mse:password",
      "primaryAddress", "mse:primaryAddress", "primaryPassword", "mse:primaryPassword", "secondaryAddress",
      "mse:secondaryAddress", "secondaryPassword", "mse:secondaryPassword", "failoverType", "mse:failoverType",
      "failbackType", "mse:failbackType");
  private static final Map<String, String> FAILBACK_FIELDS = Map.of("secondaryAddress", "mse:fbSecondaryAddress",
      "secondaryPassword", "mse:fbSecondaryPassword", "primaryReplaced", "mse:primaryReplaced");
}
