package org.ncsha.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The node's TLS identity in the PEM form PostgreSQL reads: the certificate and private key of
 * its PKCS#12 key store (the one Liberty serves), and the peer's pinned certificate as its
 * Health Monitor presents it.
 */
public final class TlsPem {
  private TlsPem() {}

  /** A certificate and its private key, PEM-encoded. */
  public record Identity(String certificatePem, String privateKeyPem) {
    @Override
    public String toString() {
      return "TlsPem.Identity[key hidden]";
    }
  }

  /** The first key entry of a PKCS#12 key store. */
  public static Identity fromKeyStore(Path keyStore, char[] password) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      for (String alias : java.util.Collections.list(store.aliases())) {
        Key key = store.getKey(alias, password);
        if (key instanceof PrivateKey privateKey) {
          return new Identity(pem("CERTIFICATE", store.getCertificate(alias).getEncoded()),
              pem("PRIVATE KEY", privateKey.getEncoded()));
        }
      }
      throw new IOException(keyStore + " holds no private key");
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot read the key store " + keyStore + ": " + e.getMessage(), e);
    }
  }

  /**
   * The certificate the server at {@code host:port} presents, if its fingerprint is the pinned
   * one (the handshake fails otherwise), PEM-encoded.
   */
  public static String presentedCertificate(String host, int port, String pinnedFingerprint, int timeoutMillis)
      throws IOException {
    SSLContext context = PinnedTrust.sslContext(pinnedFingerprint);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
      socket.connect(new java.net.InetSocketAddress(host, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.startHandshake();
      Certificate[] chain = socket.getSession().getPeerCertificates();
      X509Certificate leaf = (X509Certificate) chain[0];
      return pem("CERTIFICATE", leaf.getEncoded());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IOException("Cannot encode the certificate of " + host, e);
    }
  }

  /** A certificate in PEM, as PostgreSQL and curl read it. */
  public static String certificatePem(Certificate certificate) throws java.security.cert.CertificateEncodingException {
    return pem("CERTIFICATE", certificate.getEncoded());
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
