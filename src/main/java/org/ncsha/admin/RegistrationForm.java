package org.ncsha.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.ncsha.security.AuthKeyRule;

/** The HA Configuration fields, with the checks that name the field and the rule. */
public class RegistrationForm {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$");

  private String secondaryServer;
  private String authenticationKey;
  private String emailAddress;
  private String failoverType;
  private String virtualIpv4;
  private String virtualIpv6;

  public List<String> problems() {
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
    for (String address : emails()) {
      if (!EMAIL.matcher(address).matches()) {
        problems.add("Email Address: '" + address + "' is not an e-mail address (use a comma-separated list of name@domain)");
      }
    }
    if (failoverType != null && !failoverType.equalsIgnoreCase("manual") && !failoverType.equalsIgnoreCase("automatic")) {
      problems.add("Failover Type: must be Manual or Automatic, was '" + failoverType + "'");
    }
    return problems;
  }

  public List<String> emails() {
    if (emailAddress == null || emailAddress.isBlank()) {
      return List.of();
    }
    return Arrays.stream(emailAddress.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
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

  public void setFailoverType(String failoverType) {
    this.failoverType = failoverType;
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
