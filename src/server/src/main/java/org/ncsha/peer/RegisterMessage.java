package org.ncsha.peer;

/** The primary asks the secondary to join: copy the primary's database and follow it. */
public class RegisterMessage {
  public String primaryAddress;
  public String failoverType;
  /** The HA configuration's Email Address list: the secondary mails it too (after a failover, it is the one left). */
  public java.util.List<String> emails;

  public RegisterMessage() {}

  public RegisterMessage(String primaryAddress, String failoverType, java.util.List<String> emails) {
    this.primaryAddress = primaryAddress;
    this.failoverType = failoverType;
    this.emails = emails;
  }
}
