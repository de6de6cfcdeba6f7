package org.ncsha.security;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A self-signed certificate made with the JDK's keytool, and an in-JDK HTTPS server presenting it. */
public final class TestTls {
  private static final char[] PASSWORD = "changeit".toCharArray();

  public final KeyStore keyStore;
  public final X509Certificate certificate;

  private TestTls(KeyStore keyStore) throws GeneralSecurityException {
    this.keyStore = keyStore;
    this.certificate = (X509Certificate) keyStore.getCertificate("default");
  }

  /** A new key pair; the subject deliberately names no host we connect to. */
  public static TestTls generate(Path dir) throws Exception {
    Path file = dir.resolve("key-" + System.nanoTime() + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "default", "-keyalg", "EC", "-groupname", "secp256r1",
        "-validity", "2", "-dname", "CN=not-this-host, O=ncs-ha test", "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", new String(PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return new TestTls(ks);
  }

  public String fingerprint() {
    return PinnedTrust.fingerprint(certificate);
  }

  /** An HTTPS server on 127.0.0.1 and a free port, started, serving {@code handler} at "/". */
  public HttpsServer server(HttpHandler handler) throws IOException, GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, PASSWORD);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext("/", handler);
    server.start();
    return server;
  }
}
