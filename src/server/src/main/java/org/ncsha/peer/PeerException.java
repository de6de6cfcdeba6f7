package org.ncsha.peer;

import org.ncsha.security.CertificateChangedException;

/**
 * A peer call that failed, with a message an administrator can act on. Whether the peer gave no
 * answer or answered in a way this node cannot trust matters: only silence is evidence that the
 * peer is down, so only silence counts toward failover.
 */
public class PeerException extends Exception {
  /** How the call failed. */
  public enum Kind {
    /** Nothing came back: timeout, refused, reset, no route, or not a Health Monitor answer. */
    NO_ANSWER,
    /** The peer answered, but with another key, a clock too far off or another certificate. */
    UNTRUSTED
  }

  private final Kind kind;
  private final boolean certificateChanged;

  /** No answer from the peer. */
  public PeerException(String message) {
    this(message, null, Kind.NO_ANSWER, false);
  }

  /** No answer from the peer. */
  public PeerException(String message, Throwable cause) {
    this(message, cause, Kind.NO_ANSWER, false);
  }

  private PeerException(String message, Throwable cause, Kind kind, boolean certificateChanged) {
    super(message, cause);
    this.kind = kind;
    this.certificateChanged = certificateChanged;
  }

  /** The peer answered (or this node cannot sign at all), but the answer cannot be trusted. */
  public static PeerException untrusted(String message) {
    return new PeerException(message, null, Kind.UNTRUSTED, false);
  }

  /** The guide's TOFU error for a peer whose certificate is no longer the pinned one. */
  static PeerException certificateChanged(String address, CertificateChangedException cause) {
    return new PeerException("You must correct the following error(s) before proceeding. '"
        + CertificateChangedException.TOFU_ERROR + "' Remote host: " + address
        + ". Clear the pinned certificate on both servers with 'ncs certvalidation tofu-certs deletecert host <server-hostname>'.",
        cause, Kind.UNTRUSTED, true);
  }

  public Kind kind() {
    return kind;
  }

  /** True when the peer answered with a certificate other than the pinned one (TOFU failure). */
  public boolean certificateChanged() {
    return certificateChanged;
  }
}
