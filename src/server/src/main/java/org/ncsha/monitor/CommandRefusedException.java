package org.ncsha.monitor;

/** The Health Monitor refused a command in its current state; the message names that state. */
public class CommandRefusedException extends Exception {
  public CommandRefusedException(String message) {
    super(message);
  }
}
