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
  private volatile String fence;

  /** Whether writes are taken now: the Health Monitor's mode, and no fence. */
  public boolean writable() {
    return writable && fence == null;
  }

  /** Whether this server fenced itself (it serves without the witness lease). */
  public boolean fenced() {
    return fence != null;
  }

  /** Refuses every write until {@link #lift()}, whatever the mode says; the reason is shown. */
  public void fence(String reason) {
    this.fence = reason;
  }

  public void lift() {
    this.fence = null;
  }

  /** Address of the server that takes writes, or null when no server is known to be active. */
  public String activeServer() {
    return activeServer;
  }

  /** Why this server does not serve in {@code current} (null while it serves): for the 503 and the status. */
  public String whyNotServing(org.ncsha.ha.HaState current, org.ncsha.ha.HaConfig config) {
    String f = fence;
    if (f != null) {
      return f;
    }
    return writable ? null : org.ncsha.ha.HaAdvice.whyPassive(current, config);
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
