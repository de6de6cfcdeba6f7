package org.ncsha.registration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.VirtualIps;
import org.ncsha.readiness.Subnet;

/**
 * The HA settings an administrator may change on a running pair (HA Configuration, or {@code
 * PUT /api/admin/ha/settings}): the Failover Type, the Failback Type (an MSE pair's), the Email
 * Address list and the virtual IP,
 * checked with the registration form's rules. A virtual IP field or the Email Address left out
 * (null) keeps the current value, so that a change of the Failover Type alone never drops the
 * address clients use or the list that is mailed; an empty one means none.
 */
public class HaSettingsForm {
  private String failoverType;
  /** Left out (null): the current one stays. */
  private String failbackType;
  private String emailAddress;
  private String virtualIpv4;
  private String virtualIpv6;

  /**
   * Each problem names its field; empty when the form is good. Only a virtual IP that changes is
   * checked (against the servers' subnets and the secondary's own address, as at registration):
   * the current one stays valid.
   */
  public List<String> problems(VirtualIps current, Subnet serversSubnet, List<Subnet> serversIpv6Subnets,
      String secondaryServer) {
    List<String> problems = new ArrayList<>();
    if (failoverType == null || failoverType.isBlank()) {
      problems.add("Failover Type: must be Manual or Automatic");
    } else {
      RegistrationForm.failoverTypeProblem(failoverType).ifPresent(problems::add);
    }
    problems.addAll(RegistrationForm.emailProblems(emailAddress));
    VirtualIps wanted = virtualIps(current);
    if (wanted.ipv4() == null && wanted.ipv6() != null) {
      problems.add("IPv4 Virtual IP: enter the address the servers share: an IPv6 virtual IP goes with an IPv4 one"
          + " (leave both empty for none)");
    }
    if (wanted.ipv4() != null && !wanted.ipv4().equals(current.ipv4())) {
      RegistrationForm.virtualIpv4Problem(wanted.ipv4(), serversSubnet, secondaryServer).ifPresent(problems::add);
    }
    if (wanted.ipv6() != null && !wanted.ipv6().equals(current.ipv6())) {
      RegistrationForm.virtualIpv6Problem(wanted.ipv6(), serversIpv6Subnets).ifPresent(problems::add);
    }
    return problems;
  }

  /** The Failback Type the form asks for, the {@code current} one when left out. */
  public org.ncsha.ha.FailbackType failback(org.ncsha.ha.FailbackType current) {
    return failbackType == null ? current : org.ncsha.ha.FailbackType.fromWireName(failbackType.toLowerCase());
  }

  public String getFailbackType() {
    return failbackType;
  }

  public void setFailbackType(String failbackType) {
    this.failbackType = failbackType;
  }

  public FailoverType type() {
    return FailoverType.fromWireName(failoverType.toLowerCase());
  }

  /** The Email Address list the form asks for: left out (null), the {@code current} one stays, as a left-out virtual IP does. */
  public List<String> emails(List<String> current) {
    return emailAddress == null ? current : org.ncsha.mail.EmailList.parse(emailAddress);
  }

  /**
   * The virtual IP the form asks for, given the {@code current} one: a field left out keeps its
   * address, an empty one removes it, and the current address written another way (an IPv6
   * address's zeros) is the current one, so that nothing moves.
   */
  public VirtualIps virtualIps(VirtualIps current) {
    return new VirtualIps(field(virtualIpv4, current.ipv4()), field(virtualIpv6, current.ipv6()));
  }

  private static String field(String given, String current) {
    if (given == null) {
      return current;
    }
    String v = given.strip();
    return current != null && sameAddress(v, current) ? current : v;
  }

  /**
   * Whether two addresses are one: the same text, or IPv6 literals of the same address (Java
   * parses a text with a colon as a literal, never looking a name up).
   */
  private static boolean sameAddress(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    String ipv6Literal = "[0-9a-fA-F.]*:[0-9a-fA-F:.]*";
    if (!a.matches(ipv6Literal) || !b.matches(ipv6Literal)) {
      return false;
    }
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public String getFailoverType() {
    return failoverType;
  }

  public void setFailoverType(String failoverType) {
    this.failoverType = failoverType;
  }

  public String getEmailAddress() {
    return emailAddress;
  }

  public void setEmailAddress(String emailAddress) {
    this.emailAddress = emailAddress;
  }

  public String getVirtualIpv4() {
    return virtualIpv4;
  }

  public void setVirtualIpv4(String virtualIpv4) {
    this.virtualIpv4 = virtualIpv4;
  }

  public String getVirtualIpv6() {
    return virtualIpv6;
  }

  public void setVirtualIpv6(String virtualIpv6) {
    this.virtualIpv6 = virtualIpv6;
  }
}
