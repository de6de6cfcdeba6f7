package org.ncsha.witness;

/** The witness did not answer, or answered something unexpected. */
public class WitnessException extends Exception {
  public WitnessException(String message) {
    super(message);
  }

  public WitnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
