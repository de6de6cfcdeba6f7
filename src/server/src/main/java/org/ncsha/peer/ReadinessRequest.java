package org.ncsha.peer;

/** Asks the other Health Monitor for its readiness facts, measured towards {@code asker}. */
public class ReadinessRequest {
  public String asker;

  public ReadinessRequest() {}

  public ReadinessRequest(String asker) {
    this.asker = asker;
  }
}
