package org.ncsha.peer;

/** The salt a server derives its peer secret with ({@code GET /api/peer/salt}); public by nature. */
public class SaltMessage {
  public String salt;
}
