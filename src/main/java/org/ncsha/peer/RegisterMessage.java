package org.ncsha.peer;

/** The primary asks the secondary to join: copy the primary's database and follow it. */
public class RegisterMessage {
  public String primaryAddress;
  public String failoverType;

  public RegisterMessage() {}

  public RegisterMessage(String primaryAddress, String failoverType) {
    this.primaryAddress = primaryAddress;
    this.failoverType = failoverType;
  }
}
