package org.ncsha.admin;

import org.ncsha.registration.HaAdministration;
import org.ncsha.registration.RegistrationForm;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.readiness.ReadinessRun;
import org.ncsha.registration.ReadinessRunner;
import org.ncsha.registration.RegistrationProgress;

/** Administration > Settings > High Availability > HA Configuration: the form, Register, Remove. */
@Named
@RequestScoped
public class HaConfigurationView {

  @Inject HaAdministration administration;
  @Inject RegistrationProgress progress;

  @Inject ReadinessRunner readinessRunner;
  @Inject org.ncsha.node.NodeSettings node;

  private final RegistrationForm form = new RegistrationForm();
  private ReadinessRun readiness;

  public HaConfigurationView() {
    form.setFailoverType("manual");
    form.setFailbackType("manual");
  }

  /** Whether this node is an MSE, whose pair may fail back by itself (the Failback Type is shown). */
  public boolean isMse() {
    return node.isMse();
  }

  /** With HA enabled the form shows the pair's settings, which Save changes on both servers. */
  @jakarta.annotation.PostConstruct
  void showCurrentSettings() {
    org.ncsha.registration.HaSettingsForm current = administration.currentSettings();
    haEnabled = current != null;
    if (current != null) {
      form.setFailoverType(current.getFailoverType());
      form.setFailbackType(current.getFailbackType());
      form.setEmailAddress(current.getEmailAddress());
      form.setEnableVirtualIp(!current.getVirtualIpv4().isEmpty() || !current.getVirtualIpv6().isEmpty());
      form.setVirtualIpv4(current.getVirtualIpv4());
      form.setVirtualIpv6(current.getVirtualIpv6());
    }
  }

  private boolean haEnabled;

  /** Whether HA is configured, so that Save changes the running pair's settings. */
  public boolean isHaEnabled() {
    return haEnabled;
  }

  /**
   * Save: the Failover Type, Email Address and virtual IP of a running pair, on both servers;
   * Enable Virtual IP turned off (or both addresses empty) removes the virtual IP.
   */
  public void saveSettings() {
    org.ncsha.registration.HaSettingsForm settings = new org.ncsha.registration.HaSettingsForm();
    settings.setFailoverType(form.getFailoverType());
    settings.setFailbackType(form.getFailbackType());
    settings.setEmailAddress(form.getEmailAddress());
    boolean vip = form.isEnableVirtualIp();
    settings.setVirtualIpv4(vip && form.getVirtualIpv4() != null ? form.getVirtualIpv4() : "");
    settings.setVirtualIpv6(vip && form.getVirtualIpv6() != null ? form.getVirtualIpv6() : "");
    try {
      administration.changeSettings(settings);
      info("HA settings saved on both servers: Failover Type " + settings.type().displayName()
          + (isMse() ? ", Failback Type " + settings.failback(org.ncsha.ha.FailbackType.MANUAL).displayName() : "") + ", Virtual IP "
          + new org.ncsha.ha.VirtualIps(settings.getVirtualIpv4(), settings.getVirtualIpv6()).describe());
    } catch (org.ncsha.node.InvalidInput e) {
      e.problems().forEach(HaConfigurationView::fieldError);
    } catch (CommandRefusedException e) {
      error(e.getMessage());
    }
  }

  public RegistrationForm getForm() {
    return form;
  }

  public void register() {
    try {
      administration.register(form);
      info("Registration started with " + form.getSecondaryServer().trim());
    } catch (org.ncsha.node.InvalidInput e) {
      e.problems().forEach(HaConfigurationView::fieldError);
    } catch (CommandRefusedException e) {
      error(e.getMessage());
    } finally {
      // The key never stays in the view state.
      form.setAuthenticationKey(null);
    }
  }

  /** Check Readiness: runs the registration checklist against the form's secondary and key, and opens the dialog. */
  public void checkReadiness() {
    try {
      List<String> problems = form.problems().stream()
          .filter(p -> p.startsWith("Secondary Server") || p.startsWith("Authentication Key")).toList();
      if (!problems.isEmpty()) {
        problems.forEach(HaConfigurationView::fieldError);
        return;
      }
      char[] key = form.getAuthenticationKey().toCharArray();
      try {
        readiness = readinessRunner.registration(form.getSecondaryServer().trim(), key, form.virtualIps());
      } finally {
        java.util.Arrays.fill(key, '\0');
      }
      org.primefaces.PrimeFaces.current().executeScript("PF('readiness').show()");
    } finally {
      form.setAuthenticationKey(null);
    }
  }

  public ReadinessRun getReadiness() {
    return readiness;
  }

  private boolean peerIsDown;

  public boolean isPeerIsDown() {
    return peerIsDown;
  }

  public void setPeerIsDown(boolean peerIsDown) {
    this.peerIsDown = peerIsDown;
  }

  public void remove() {
    try {
      administration.remove(peerIsDown);
      info("HA removal started");
    } catch (CommandRefusedException e) {
      error(e.getMessage());
    }
  }

  public boolean isRegistering() {
    return progress.running();
  }

  public String getProgressStatus() {
    return (String) progress.snapshot().get("status");
  }

  public String getProgressSummary() {
    return (String) progress.snapshot().get("summary");
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> getMilestones() {
    return (List<Map<String, Object>>) progress.snapshot().get("milestones");
  }

  private static void info(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  /** Each problem names its field first ("Secondary Server: ..."): show it at that field. */
  private static final Map<String, String> FIELDS = Map.of("Secondary Server", "config:secondary",
      "Authentication Key", "config:key", "Email Address", "config:email", "Failover Type", "config:failoverType",
      "IPv4 Virtual IP", "config:vip4", "IPv6 Virtual IP", "config:vip6");

  private static void fieldError(String problem) {
    String field = FIELDS.keySet().stream().filter(problem::startsWith).findFirst().orElse(null);
    FacesContext.getCurrentInstance().addMessage(field == null ? null : FIELDS.get(field),
        new FacesMessage(FacesMessage.SEVERITY_ERROR, problem, null));
  }

  private static void error(String text) {
    FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }
}
