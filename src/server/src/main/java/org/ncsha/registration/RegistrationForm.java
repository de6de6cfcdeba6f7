package org.ncsha.registration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ncsha.security.AuthKeyRule;
import org.ncsha.readiness.Subnet;

/** The HA Configuration fields, with the checks that name the field and the rule. */
public class RegistrationForm {
  private static final Pattern IPV4 =
      Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$");

  private String secondaryServer;
  private String authenticationKey;
  private String emailAddress;
  private String failoverType;
  /** Manual when left out; Automatic only on an MSE pair ({@link #failbackTypeProblem}). */
  private String failbackType;
  private String virtualIpv4;
  private String virtualIpv6;
  private boolean enableVirtualIp;

  /** Without the servers' subnets (null): every rule but the virtual IPs' subnets. */
  public List<String> problems() {
    return problems(null, null);
  }

  /**
   * Every problem, each naming its field and the rule; {@code serversSubnet} and
   * {@code serversIpv6Subnets} are where the virtual IPs must lie.
   */
  public List<String> problems(Subnet serversSubnet, List<Subnet> serversIpv6Subnets) {
    List<String> problems = new ArrayList<>();
    if (secondaryServer == null || secondaryServer.isBlank()) {
      problems.add("Secondary Server: enter the IP address or host name of the secondary server");
    } else {
      try {
        InetAddress.getByName(secondaryServer.trim());
      } catch (UnknownHostException e) {
        problems.add("Secondary Server: '" + secondaryServer.trim() + "' does not resolve to an address");
      }
    }
    if (authenticationKey == null || authenticationKey.isEmpty()) {
      problems.add("Authentication Key: enter the key set when the secondary was installed");
    } else {
      AuthKeyRule.violation(authenticationKey).ifPresent(problems::add);
    }
    problems.addAll(emailProblems(emailAddress));
    if (failoverType != null) {
      failoverTypeProblem(failoverType).ifPresent(problems::add);
    }
    if (virtualIpEnabled()) {
      if (virtualIpv4 == null || virtualIpv4.isBlank()) {
        problems.add("IPv4 Virtual IP: enter the address the servers share, or turn Enable Virtual IP off");
      } else {
        virtualIpv4Problem(virtualIpv4.trim(), serversSubnet, secondaryServer).ifPresent(problems::add);
      }
      if (virtualIpv6 != null && !virtualIpv6.isBlank()) {
        virtualIpv6Problem(virtualIpv6.trim(), serversIpv6Subnets).ifPresent(problems::add);
      }
    }
    return problems;
  }

  /** Each address of a comma-separated Email Address list that is not one, named. */
  static List<String> emailProblems(String emailAddress) {
    List<String> problems = new ArrayList<>();
    for (String address : org.ncsha.mail.EmailList.parse(emailAddress)) {
      if (!EMAIL.matcher(address).matches()) {
        problems.add("Email Address: '" + address + "' is not an e-mail address (use a comma-separated list of name@domain)");
      }
    }
    return problems;
  }

  static java.util.Optional<String> failoverTypeProblem(String failoverType) {
    return failoverType.equalsIgnoreCase("manual") || failoverType.equalsIgnoreCase("automatic")
        ? java.util.Optional.empty()
        : java.util.Optional.of("Failover Type: must be Manual or Automatic, was '" + failoverType + "'");
  }

  /**
   * The Failback Type's rule, at registration and on the running pair: Manual or Automatic, and
   * Automatic only on an MSE ({@code mse}): the guide's server pairs fail back only when the
   * administrator presses Failback, its MSE pairs may do it by themselves.
   */
  public static java.util.Optional<String> failbackTypeProblem(String failbackType, boolean mse) {
    if (failbackType == null) {
      return java.util.Optional.empty();
    }
    if (!failbackType.equalsIgnoreCase("manual") && !failbackType.equalsIgnoreCase("automatic")) {
      return java.util.Optional.of("Failback Type: must be Manual or Automatic, was '" + failbackType + "'");
    }
    if (failbackType.equalsIgnoreCase("automatic") && !mse) {
      return java.util.Optional.of("Failback Type: Automatic is for MSE pairs (node.kind=mse); a server pair fails back"
          + " when the administrator presses Failback");
    }
    return java.util.Optional.empty();
  }

  /** The Failback Type asked for; {@code otherwise} when the form leaves it out. */
  public org.ncsha.ha.FailbackType failback(org.ncsha.ha.FailbackType otherwise) {
    return failbackType == null ? otherwise : org.ncsha.ha.FailbackType.fromWireName(failbackType.toLowerCase());
  }

  /** The virtual IPs the form gives: none unless Enable Virtual IP is on. */
  public org.ncsha.ha.VirtualIps virtualIps() {
    return virtualIpEnabled() ? new org.ncsha.ha.VirtualIps(virtualIpv4, virtualIpv6) : org.ncsha.ha.VirtualIps.NONE;
  }

  /** The page's "Enable Virtual IP" box ({@code enableVirtualIp} over REST): without it the address fields are ignored. */
  public boolean virtualIpEnabled() {
    return enableVirtualIp;
  }

  /**
   * The IPv4 Virtual IP field's rules for an address given ({@code v}, trimmed): an IPv4 address,
   * in the servers' subnet ({@code subnet}; null: not checked), not the secondary server's own.
   * Registration and a settings change on the running pair apply the same.
   */
  static java.util.Optional<String> virtualIpv4Problem(String v, Subnet subnet, String secondaryServer) {
    if (!IPV4.matcher(v).matches()) {
      return java.util.Optional.of("IPv4 Virtual IP: '" + v + "' is not an IPv4 address (four numbers 0-255 separated by dots)");
    }
    try {
      InetAddress vip = InetAddress.getByName(v);
      if (subnet != null && !subnet.contains(vip)) {
        return java.util.Optional.of("IPv4 Virtual IP: " + v + " is not in the servers' subnet " + subnet);
      }
      if (secondaryServer != null && vip.equals(InetAddress.getByName(secondaryServer.trim()))) {
        return java.util.Optional.of("IPv4 Virtual IP: must not be the secondary server's own address");
      }
    } catch (UnknownHostException e) {
      return java.util.Optional.of("IPv4 Virtual IP: '" + v + "' is not an IPv4 address");
    }
    return java.util.Optional.empty();
  }

  /**
   * The IPv6 Virtual IP field's rules for an address given ({@code v}, trimmed): an IPv6 address,
   * not link-local, in one of the servers' IPv6 subnets ({@code subnets}; null: not checked).
   */
  static java.util.Optional<String> virtualIpv6Problem(String v, List<Subnet> subnets) {
    if (!v.contains(":") || !v.matches("[0-9a-fA-F:.]+")) {
      return java.util.Optional.of("IPv6 Virtual IP: '" + v + "' is not an IPv6 address");
    }
    try {
      InetAddress vip = InetAddress.getByName(v);
      if (!(vip instanceof java.net.Inet6Address)) {
        return java.util.Optional.of("IPv6 Virtual IP: '" + v + "' is not an IPv6 address");
      }
      if (vip.isLinkLocalAddress()) {
        return java.util.Optional.of("IPv6 Virtual IP: " + v + " is link-local (fe80::/10), which cannot move between servers;"
            + " use a global or unique local address");
      }
      if (subnets != null && subnets.stream().noneMatch(s -> s.contains(vip))) {
        return java.util.Optional.of("IPv6 Virtual IP: " + v + " is not in the servers' IPv6 subnet"
            + (subnets.isEmpty() ? " (this server's interface has no global or unique local IPv6 address)"
                : " " + subnets.stream().map(Subnet::toString).collect(java.util.stream.Collectors.joining(", "))));
      }
    } catch (UnknownHostException e) {
      return java.util.Optional.of("IPv6 Virtual IP: '" + v + "' is not an IPv6 address");
    }
    return java.util.Optional.empty();
  }

  public List<String> emails() {
    return org.ncsha.mail.EmailList.parse(emailAddress);
  }

  public String getSecondaryServer() {
    return secondaryServer;
  }

  public void setSecondaryServer(String secondaryServer) {
    this.secondaryServer = secondaryServer;
  }

  public String getAuthenticationKey() {
    return authenticationKey;
  }

  public void setAuthenticationKey(String authenticationKey) {
    this.authenticationKey = authenticationKey;
  }

  public String getEmailAddress() {
    return emailAddress;
  }

  public void setEmailAddress(String emailAddress) {
    this.emailAddress = emailAddress;
  }

  public String getFailoverType() {
    return failoverType;
  }

  public String getFailbackType() {
    return failbackType;
  }

  public void setFailbackType(String failbackType) {
    this.failbackType = failbackType;
  }

  public void setFailoverType(String failoverType) {
    this.failoverType = failoverType;
  }

  public String getVirtualIpv4() {
    return virtualIpv4;
  }

  public void setVirtualIpv4(String virtualIpv4) {
    this.virtualIpv4 = virtualIpv4;
  }

  public boolean isEnableVirtualIp() {
    return enableVirtualIp;
  }

  public void setEnableVirtualIp(boolean enableVirtualIp) {
    this.enableVirtualIp = enableVirtualIp;
  }

  public String getVirtualIpv6() {
    return virtualIpv6;
  }

  public void setVirtualIpv6(String virtualIpv6) {
    this.virtualIpv6 = virtualIpv6;
  }
}
