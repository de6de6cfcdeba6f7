package org.ncsha.peer;

/**
 * First contact at registration, both ways: each side states its address, role and the
 * SHA-256 fingerprint of its TLS certificate. Signed with the key-derived peer secret, so a
 * fingerprint is only pinned when the other side proved it knows the authentication key.
 */
public class HelloMessage {
  public String address;
  public String fingerprint;
  public boolean installedAsSecondary;
  public String state;
  /** The version and patch level (PatchLevel): registration requires the same on both servers. */
  public String version;
  public String failoverType;

  public HelloMessage() {}
}
