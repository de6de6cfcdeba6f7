package org.ncsha.peer;

import org.ncsha.security.CertificateChangedException;

/** A peer call that failed, with a message an administrator can act on. */
public class PeerException extends Exception {
  private final boolean certificateChanged;

  public PeerException(String message) {
    super(message);
    this.certificateChanged = false;
  }

  public PeerException(String message, Throwable cause) {
    super(message, cause);
    this.certificateChanged = false;
  }

  private PeerException(String message, Throwable cause, boolean certificateChanged) {
    super(message, cause);
    this.certificateChanged = certificateChanged;
  }

  /** The guide's TOFU error for a peer whose certificate is no longer the pinned one. */
  static PeerException certificateChanged(String address, CertificateChangedException cause) {
    return new PeerException("You must correct the following error(s) before proceeding. '"
        + CertificateChangedException.TOFU_ERROR + "' Remote host: " + address
        + ". Clear the pinned certificate on both servers with 'ncs certvalidation tofu-certs deletecert host <server-hostname>'.",
        cause, true);
  }

  /** True when the peer answered with a certificate other than the pinned one (TOFU failure). */
  public boolean certificateChanged() {
    return certificateChanged;
  }
}
