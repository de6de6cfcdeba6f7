package org.ncsha.peer;

/** What one Health Monitor tells the other every heartbeat, in both directions. */
public class HeartbeatMessage {
  public String address;
  public String role;
  public String state;
  public boolean processesHealthy;
  public boolean databaseHealthy;
  /** The sender's current WAL position (write LSN on a primary, replay LSN on a standby). */
  public String walPosition;
  /**
   * How long ago the sender's Health Monitor loop last made progress: an answer from a loop that
   * has stopped is old news, however promptly it is sent. Null from a sender that does not say.
   */
  public Long loopAgeMillis;

  public HeartbeatMessage() {}

  public HeartbeatMessage(String address, String role, String state, boolean processesHealthy,
      boolean databaseHealthy, String walPosition, long loopAgeMillis) {
    this.address = address;
    this.role = role;
    this.state = state;
    this.processesHealthy = processesHealthy;
    this.databaseHealthy = databaseHealthy;
    this.walPosition = walPosition;
    this.loopAgeMillis = loopAgeMillis;
  }
}
