package org.ncsha.security;

import java.security.cert.CertificateException;

/**
 * The peer presented a certificate other than the one pinned on first use. Its message is the
 * guide's TOFU error, so an administrator recognises it and knows the remedy
 * ({@code ncs certvalidation tofu-certs deletecert host <host>} on both servers).
 */
public final class CertificateChangedException extends CertificateException {
  public static final String TOFU_ERROR = "A Trust-on-first-use (TOFU) based Certificate is configured for this"
      + " connection. The current certificate on the remote host is different than what was used earlier.";

  private final String presented;
  private final String pinned;

  public CertificateChangedException(String presented, String pinned) {
    super(TOFU_ERROR + " (presented SHA-256 " + presented + ", pinned " + pinned + ")");
    this.presented = presented;
    this.pinned = pinned;
  }

  public String presented() {
    return presented;
  }

  public String pinned() {
    return pinned;
  }
}
