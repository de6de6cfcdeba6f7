package org.ncsha.hm;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.ncsha.readiness.CheckSet;
import org.ncsha.registration.ReadinessRunner;
import org.ncsha.store.HaStore;
import org.ncsha.store.ReadinessResultRecord;

/** The Health Monitor page's Check Failover Readiness: the newest run, and a run now. */
@Named
@RequestScoped
public class HmReadinessView {
  @Inject HaStore store;
  @Inject ReadinessRunner runner;
  @Inject HmSession session;

  private List<ReadinessResultRecord> latest;

  public List<ReadinessResultRecord> getChecks() {
    if (latest == null) {
      latest = store.latestReadiness(CheckSet.FAILOVER.wireName());
    }
    return latest;
  }

  /** "Success" when every check passes, as the guide's figure shows; else the worst status; "-" before the first run. */
  public String getOverall() {
    List<ReadinessResultRecord> checks = getChecks();
    if (checks.isEmpty()) {
      return "-";
    }
    if (checks.stream().anyMatch(c -> "Fail".equals(c.getStatus()))) {
      return "Fail";
    }
    return checks.stream().anyMatch(c -> "Warning".equals(c.getStatus())) ? "Warning" : "Success";
  }

  public String getRunTime() {
    List<ReadinessResultRecord> checks = getChecks();
    return checks.isEmpty() ? "never" : checks.get(0).getRunTime().toString();
  }

  public void runNow() {
    FacesContext faces = FacesContext.getCurrentInstance();
    if (!session.isLoggedIn()) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "Log in as root with the authentication key", null));
      return;
    }
    if (runner.failover() == null) {
      faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN,
          "HA is not configured: failover readiness needs a registered pair", null));
    }
    latest = null;
  }
}
