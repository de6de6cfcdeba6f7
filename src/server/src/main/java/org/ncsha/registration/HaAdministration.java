package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.ncsha.readiness.Subnet;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.Role;
import org.ncsha.ha.VirtualIps;
import org.ncsha.monitor.CommandRefusedException;
import org.ncsha.monitor.HaEngine;

/** What HA Configuration does, for the page and the admin REST alike: register, change the settings, remove. */
@ApplicationScoped
public class HaAdministration {
  @Inject HaEngine engine;
  @Inject org.ncsha.monitor.HaRemoval removal;
  @Inject RegistrationDesk desk;
  @Inject org.ncsha.node.NodeSettings node;
  @Inject org.ncsha.registration.VirtualIpProbe virtualIp;
  @Inject org.ncsha.store.HaStore store;

  /** Validates, hands the key to the registration and asks the Health Monitor to register. */
  public void register(RegistrationForm form) throws org.ncsha.node.InvalidInput, CommandRefusedException {
    List<String> problems = form == null ? List.of("body: the HA Configuration fields are required")
        : form.problems(Subnet.ofInterfaceHolding(node.address()), Subnet.ipv6OfInterfaceHolding(node.address()));
    if (form != null) {
      problems = new java.util.ArrayList<>(problems);
      RegistrationForm.failbackTypeProblem(form.getFailbackType(), node.isMse()).ifPresent(problems::add);
    }
    if (problems.isEmpty() && form.virtualIpEnabled()) {
      problems = virtualIpsInUse(form.virtualIps(), VirtualIps.NONE);
    }
    if (!problems.isEmpty()) {
      throw new org.ncsha.node.InvalidInput(problems);
    }
    FailoverType type = FailoverType.fromWireName(form.getFailoverType() == null ? "manual" : form.getFailoverType().toLowerCase());
    String secondary = form.getSecondaryServer().trim();
    org.ncsha.ha.FailbackType failback = form.failback(org.ncsha.ha.FailbackType.MANUAL);
    desk.offer(new RegistrationRequest(secondary, form.getAuthenticationKey().toCharArray(), type, failback, form.emails(),
        form.virtualIps().ipv4(), form.virtualIps().ipv6()));
    form.setAuthenticationKey(null);
    try {
      engine.submit(new Command.Register(secondary, type, failback));
    } catch (CommandRefusedException e) {
      desk.offer(null);
      throw e;
    }
  }

  /**
   * Changes the Failover Type, Failback Type, Email Address list and virtual IP of a running pair: checked
   * first (a refused change changes nothing; a new address another host answers for is refused,
   * the current one is not probed), then the mail list is stored and the Health Monitor takes the
   * rest and tells the peer (an event on each server). The server holding the virtual IP moves it.
   */
  public void changeSettings(HaSettingsForm form) throws org.ncsha.node.InvalidInput, CommandRefusedException {
    if (form == null) {
      throw new org.ncsha.node.InvalidInput(List.of("body: {\"failoverType\": ..., \"emailAddress\": ..., \"virtualIpv4\": ...,"
          + " \"virtualIpv6\": ...} is required"));
    }
    VirtualIps current = engine.config().virtualIps();
    List<String> problems = new java.util.ArrayList<>(form.problems(current, Subnet.ofInterfaceHolding(node.address()),
        Subnet.ipv6OfInterfaceHolding(node.address()), secondaryAddress()));
    RegistrationForm.failbackTypeProblem(form.getFailbackType(), node.isMse()).ifPresent(problems::add);
    if (!problems.isEmpty()) {
      throw new org.ncsha.node.InvalidInput(problems);
    }
    VirtualIps wanted = form.virtualIps(current);
    Command change = new Command.ChangeSettings(form.type(), form.failback(engine.config().failbackType()), wanted);
    String refusal = engine.refusalFor(change);
    if (refusal != null) {
      throw new CommandRefusedException(refusal);
    }
    problems = virtualIpsInUse(wanted, current);
    if (!problems.isEmpty()) {
      throw new org.ncsha.node.InvalidInput(problems);
    }
    storeEmails(form.emails(org.ncsha.mail.EmailList.parse(store.config().getEmails())), "by the administrator");
    engine.submit(change);
  }

  /** The secondary server's own address, which the virtual IP must not be: the peer's on the primary. */
  private String secondaryAddress() {
    return engine.config().role() == Role.PRIMARY ? engine.config().peerAddress() : node.address();
  }

  /** The pair's settings as they are, or null without HA (the form then shows a new registration's defaults). */
  public HaSettingsForm currentSettings() {
    if (engine.config().peerAddress() == null) {
      return null;
    }
    HaSettingsForm current = new HaSettingsForm();
    current.setFailoverType(engine.config().failoverType().wireName());
    current.setFailbackType(engine.config().failbackType().wireName());
    String emails = store.config().getEmails();
    current.setEmailAddress(emails == null ? "" : emails);
    VirtualIps vips = engine.config().virtualIps();
    current.setVirtualIpv4(vips.ipv4() == null ? "" : vips.ipv4());
    current.setVirtualIpv6(vips.ipv6() == null ? "" : vips.ipv6());
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

  /**
   * A virtual IP another host answers for would be on two servers at once: refused, naming who
   * answers. Only the addresses not in {@code current} are probed: the pair's own address answers
   * from whichever server holds it.
   */
  private List<String> virtualIpsInUse(VirtualIps wanted, VirtualIps current) {
    List<String> problems = new java.util.ArrayList<>();
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("IPv4 Virtual IP", wanted.ipv4());
    fields.put("IPv6 Virtual IP", wanted.ipv6());
    fields.forEach((field, address) -> {
      if (address == null || current.addresses().contains(address)) {
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
