package org.ncsha.app;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether this node's application may write right now, and which server is active otherwise.
 * Only the Health Monitor runner changes it (its APP_READ_WRITE / APP_READ_ONLY actions).
 */
@ApplicationScoped
public class ServingRole {
  private volatile boolean writable;
  private volatile String activeServer;

  public boolean writable() {
    return writable;
  }

  /** Address of the server that takes writes, or null when no server is known to be active. */
  public String activeServer() {
    return activeServer;
  }

  public void becomeWritable(String ownAddress) {
    this.activeServer = ownAddress;
    this.writable = true;
  }

  public void becomePassive(String activeServerAddress) {
    this.writable = false;
    this.activeServer = activeServerAddress;
  }
}
