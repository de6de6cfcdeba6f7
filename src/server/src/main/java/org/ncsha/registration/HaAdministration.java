package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.ncsha.readiness.Subnet;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;

/** What HA Configuration does, for the page and the admin REST alike: register and remove. */
@ApplicationScoped
public class HaAdministration {
  @Inject HaEngine engine;
  @Inject org.ncsha.monitor.HaRemoval removal;
  @Inject RegistrationDesk desk;
  @Inject org.ncsha.node.NodeSettings node;
  @Inject org.ncsha.registration.VirtualIpProbe virtualIp;
  @Inject org.ncsha.store.HaStore store;

  /** The form did not pass its checks; each problem names its field. */
  public static class InvalidForm extends Exception {
    private final List<String> problems;

    public InvalidForm(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /** Validates, hands the key to the registration and asks the Health Monitor to register. */
  public void register(RegistrationForm form) throws InvalidForm, CommandRefusedException {
    List<String> problems = form == null ? List.of("body: the HA Configuration fields are required")
        : form.problems(Subnet.ofInterfaceHolding(node.address()), Subnet.ipv6OfInterfaceHolding(node.address()));
    if (problems.isEmpty() && form.virtualIpEnabled()) {
      problems = virtualIpsInUse(form);
    }
    if (!problems.isEmpty()) {
      throw new InvalidForm(problems);
    }
    FailoverType type = FailoverType.fromWireName(form.getFailoverType() == null ? "manual" : form.getFailoverType().toLowerCase());
    String secondary = form.getSecondaryServer().trim();
    desk.offer(new RegistrationRequest(secondary, form.getAuthenticationKey().toCharArray(), type, form.emails(),
        form.virtualIps().ipv4(), form.virtualIps().ipv6()));
    form.setAuthenticationKey(null);
    try {
      engine.submit(new Command.Register(secondary, type));
    } catch (CommandRefusedException e) {
      desk.offer(null);
      throw e;
    }
  }

  /**
   * Changes the Failover Type and Email Address list of a running pair: checked first (a
   * refused change changes nothing), then the mail list is stored and the Health Monitor takes
   * the failover type and tells the peer both (an event on each server).
   */
  public void changeSettings(HaSettingsForm form) throws InvalidForm, CommandRefusedException {
    List<String> problems = form == null ? List.of("body: {\"failoverType\": ..., \"emailAddress\": ...} is required")
        : form.problems();
    if (!problems.isEmpty()) {
      throw new InvalidForm(problems);
    }
    Command change = new Command.ChangeSettings(form.type(), engine.config().virtualIps());
    String refusal = engine.refusalFor(change);
    if (refusal != null) {
      throw new CommandRefusedException(refusal);
    }
    storeEmails(form.emails(), "by the administrator");
    engine.submit(change);
  }

  /** The pair's settings as they are, or null without HA (the form then shows a new registration's defaults). */
  public HaSettingsForm currentSettings() {
    if (engine.config().peerAddress() == null) {
      return null;
    }
    HaSettingsForm current = new HaSettingsForm();
    current.setFailoverType(engine.config().failoverType().wireName());
    String emails = store.config().getEmails();
    current.setEmailAddress(emails == null ? "" : emails);
    return current;
  }

  /** Keeps the pair's Email Address list; a change is an event ("changed by the administrator", "on the peer"). */
  public void storeEmails(List<String> addresses, String changedBy) {
    String emails = org.ncsha.mail.EmailList.format(addresses);
    String before = store.config().getEmails();
    store.updateConfig(row -> row.setEmails(emails));
    if (!emails.equals(before == null ? "" : before)) {
      store.recordEvent(java.time.Instant.now(), engine.status().state().displayName(),
          "Email Address list changed " + changedBy + " to " + (emails.isEmpty() ? "none" : emails));
    }
  }

  /** @param peerIsDown the administrator says the secondary is down (see {@link org.ncsha.monitor.HaRemoval}) */
  public void remove(boolean peerIsDown) throws CommandRefusedException {
    removal.remove(peerIsDown);
  }

  /** A virtual IP another host answers for would be on two servers at once: refused, naming who answers. */
  private List<String> virtualIpsInUse(RegistrationForm form) {
    org.ncsha.ha.VirtualIps vips = form.virtualIps();
    List<String> problems = new java.util.ArrayList<>();
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("IPv4 Virtual IP", vips.ipv4());
    fields.put("IPv6 Virtual IP", vips.ipv6());
    fields.forEach((field, address) -> {
      if (address == null) {
        return;
      }
      try {
        String why = virtualIp.inUse(address);
        if (why != null) {
          problems.add(field + ": " + address + " is already in use (" + why + "); choose a free address in the servers' subnet");
        }
      } catch (RuntimeException e) {
        problems.add(field + ": cannot check that " + address + " is free: " + e.getMessage());
      }
    });
    return problems;
  }
}
