package org.ncsha.peer;

/**
 * A new authentication key for the peer ({@code ncs ha authkey} while HA is configured). It
 * travels only inside the pinned TLS connection, signed with the current key.
 */
public class AuthKeyMessage {
  public String key;

  public AuthKeyMessage() {}

  public AuthKeyMessage(String key) {
    this.key = key;
  }
}
