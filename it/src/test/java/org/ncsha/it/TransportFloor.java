package org.ncsha.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * What the transport alone costs on this machine: a file sent by one thread of this JVM to
 * another over a loopback socket and written to disk, through TLS 1.3 as the JDK negotiates it
 * (the Health Monitors' channel is the JDK's TLS on both ends, with the JDK's preferences) or
 * through plain TCP, with nothing else: no hash, no signature, no flush, no HTTP. File sync does
 * all of that on top, so its time for the same file cannot be below this one's.
 */
final class TransportFloor {
  private static final int BUFFER = 1 << 20;
  private static final String PASSWORD = "transport-floor";

  /** One copy: its time from the first byte sent to the last written, the CPU time of both ends, the suite. */
  record Copy(double seconds, double cpuSeconds, String suite) {}

  private final SSLContext tls;

  /** {@code scratch}: where its self-signed key pair is made (keytool of this JDK). */
  TransportFloor(Path scratch) throws Exception {
    Path keyStore = scratch.resolve("transport-floor.p12");
    java.nio.file.Files.deleteIfExists(keyStore);
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
        "-keypass", PASSWORD, "-alias", "floor", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
        "-validity", "2").redirectErrorStream(true).start();
    String said = new String(keytool.getInputStream().readAllBytes());
    if (!keytool.waitFor(1, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + said);
    }
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD.toCharArray());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    tls = SSLContext.getInstance("TLSv1.3");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
  }

  /** Sends {@code file} to a thread that writes it to {@code into}; the handshake is not timed. */
  Copy copy(Path file, Path into, boolean encrypted) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = encrypted ? tls.getServerSocketFactory().createServerSocket(0, 1, loopback)
        : new ServerSocket(0, 1, loopback)) {
      CompletableFuture<Long> receiverCpu = CompletableFuture.supplyAsync(() -> {
        try (Socket s = server.accept(); InputStream in = s.getInputStream();
            OutputStream out = java.nio.file.Files.newOutputStream(into)) {
          long cpu = threads.getCurrentThreadCpuTime();
          copy(in, out);
          return threads.getCurrentThreadCpuTime() - cpu;
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Socket socket = encrypted ? tls.getSocketFactory().createSocket(loopback, server.getLocalPort())
          : new Socket(loopback, server.getLocalPort());
      String suite = "none";
      if (socket instanceof SSLSocket s) {
        s.startHandshake();
        suite = s.getSession().getCipherSuite();
      }
      long start = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      try (socket; OutputStream out = socket.getOutputStream(); InputStream in = java.nio.file.Files.newInputStream(file)) {
        copy(in, out);
      }
      long senderCpu = threads.getCurrentThreadCpuTime() - cpu;
      long received = receiverCpu.get(10, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (java.nio.file.Files.size(into) != java.nio.file.Files.size(file)) {
        throw new IllegalStateException("the copy through the socket has " + java.nio.file.Files.size(into) + " bytes");
      }
      return new Copy(seconds, (senderCpu + received) / 1e9, suite);
    }
  }

  /** With file sync's buffer size (StreamedPost.BUFFER_BYTES) on both ends. */
  private static void copy(InputStream in, OutputStream out) throws java.io.IOException {
    byte[] buffer = new byte[BUFFER];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
    }
  }
}
