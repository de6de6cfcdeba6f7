package org.ncsha.peer;

/** A peer call that failed, with a message an administrator can act on. */
public class PeerException extends Exception {
  public PeerException(String message) {
    super(message);
  }

  public PeerException(String message, Throwable cause) {
    super(message, cause);
  }
}
