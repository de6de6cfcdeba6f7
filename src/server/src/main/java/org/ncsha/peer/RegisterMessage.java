package org.ncsha.peer;

/** The primary asks the secondary to join: copy the primary's database and follow it. */
public class RegisterMessage {
  public String primaryAddress;
  public String failoverType;
  /** Absent from a primary of an earlier version: manual. */
  public String failbackType;
  /** The HA configuration's Email Address list: the secondary mails it too (after a failover, it is the one left). */
  public java.util.List<String> emails;
  /** The pair's virtual IPv4 and IPv6 addresses (null without): the secondary holds them when it serves. */
  public String virtualIpv4;
  public String virtualIpv6;

  public RegisterMessage() {}

  public RegisterMessage(String primaryAddress, String failoverType, String failbackType, java.util.List<String> emails,
      String virtualIpv4, String virtualIpv6) {
    this.primaryAddress = primaryAddress;
    this.failoverType = failoverType;
    this.failbackType = failbackType;
    this.emails = emails;
    this.virtualIpv4 = virtualIpv4;
    this.virtualIpv6 = virtualIpv6;
  }
}
