package org.ncsha.security;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust in exactly one certificate, named by its SHA-256 fingerprint: how the CLI and
 * the peer Health Monitor trust a node's self-signed certificate without any CA.
 */
public final class PinnedTrust {
  private PinnedTrust() {}

  /** Lowercase hex SHA-256 of the certificate's DER encoding, without colons. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("Cannot encode the certificate " + certificate.getSubjectX500Principal(), e);
    }
  }

  /** The fingerprint of the certificate a TLS session's server presented; null when it presented none. */
  public static String presentedFingerprint(javax.net.ssl.SSLSession session) {
    try {
      java.security.cert.Certificate[] chain = session.getPeerCertificates();
      return chain.length == 0 ? null : fingerprint((X509Certificate) chain[0]);
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /**
   * A fingerprint in canonical form: accepts keytool's "AB:CD:..." and surrounding blanks.
   *
   * @throws IllegalArgumentException unless it is 64 hex digits
   */
  public static String normalize(String sha256Hex) {
    if (sha256Hex == null) {
      throw new IllegalArgumentException("No certificate fingerprint to pin");
    }
    String hex = sha256Hex.strip().replace(":", "").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("Not a SHA-256 certificate fingerprint (64 hex digits): '" + sha256Hex.strip() + "'");
    }
    return hex;
  }

  /** A client context that trusts only the certificate with this fingerprint. */
  public static SSLContext sslContext(String sha256Hex) {
    return context(trustManager(sha256Hex));
  }

  /** The trust manager behind {@link #sslContext}, for callers that build their own context. */
  public static X509ExtendedTrustManager trustManager(String sha256Hex) {
    return new Pinned(normalize(sha256Hex));
  }

  /**
   * A context that accepts any certificate, for a first contact only: the caller must read
   * the certificate from the session and pin it only after checking it by other means (the
   * peer's answer signed with the authentication key names it).
   */
  public static SSLContext acceptAnyAndRecord() {
    return context(new Pinned(null));
  }

  private static SSLContext context(X509ExtendedTrustManager trustManager) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot create a TLS context", e);
    }
  }

  /**
   * Accepts a chain whose leaf has the pinned fingerprint (any leaf when none is pinned).
   * Extended on purpose: the JDK wraps a plain X509TrustManager and then still checks the
   * host name, which a pinned key makes irrelevant (and the peer may be reached by another
   * address than the one in its certificate). Validity dates are not checked either: the
   * pin is the identity, and an expired self-signed certificate must not silently split the pair.
   */
  private static final class Pinned extends X509ExtendedTrustManager {
    private final String pinned;

    Pinned(String pinned) {
      this.pinned = pinned;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
      if (chain == null || chain.length == 0 || chain[0] == null) {
        throw new CertificateException("The server presented no certificate");
      }
      if (pinned == null) {
        return;
      }
      String presented = fingerprint(chain[0]);
      if (!presented.equals(pinned)) { // fingerprints are public: no need for a constant-time compare
        throw new CertificateChangedException(presented, pinned);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      check(chain);
    }

    // Symmetric, so the same pin can also authenticate a peer presenting a client certificate.
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
