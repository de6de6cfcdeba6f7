package org.ncsha.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * One POST of a large body to the peer over a blocking TLS socket: the file area's batches and
 * the software bundle. Every other peer call goes through java.net.http; this one does not
 * because that client copies each 16 KiB of a streamed body into a new buffer and each TLS
 * record into another, and it reads a stream's content 16 KiB at a time. For a 1 GB file that
 * was 2 GB of short-lived buffers and about half of the sending server's CPU time (measured with
 * perf, 2026-12-04): the socket's own TLS layer encrypts each record into a buffer it keeps,
 * and the content is read here with one buffer of {@link #BUFFER_BYTES}.
 */
final class StreamedPost {
  /** Read and written 1 MiB at a time: a cold 1 GB file took 0.2 CPU-seconds read so, 0.5 read 16 KiB at a time (measured here). */
  static final int BUFFER_BYTES = 1 << 20;
  /**
   * How long a close may wait for a write in progress before it closes the socket anyway (a
   * TLS socket without SO_LINGER waits for it without end, and a write to a cut link blocks).
   */
  private static final int LINGER_SECONDS = 1;
  /** Its thread ends when no call is under way (nothing held across an application restart). */
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

  /** The peer's answer: its status, its headers (names in any case) and its body. */
  record Answer(int status, Map<String, String> headers, String body) {
    /** An answer with the first value of each header in {@code fields}, found by its name in any case. */
    static Answer of(int status, Map<String, List<String>> fields, String body) {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      fields.forEach((name, values) -> {
        if (name != null && !values.isEmpty()) { // the status line comes with a null name
          headers.putIfAbsent(name, values.get(0));
        }
      });
      return new Answer(status, headers, body);
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  /** The connection ran past its deadline and was closed. */
  static final class DeadlineException extends IOException {
    DeadlineException(Duration allowed, Throwable cause) {
      super("no answer within " + allowed.toMillis() + " ms", cause);
    }
  }

  private final SSLSocketFactory sockets;

  /**
   * One per pinned certificate: the JDK keeps a finished connection for the next request with the
   * same factory, so batches in a row share one TLS session.
   */
  StreamedPost(SSLContext ssl) {
    this.sockets = new LingeringSockets(ssl.getSocketFactory());
  }

  /**
   * Sends {@code head}, then {@code content} to its end, then {@code tail} (when not null), with a
   * length of {@code length} bytes, or chunked when {@code length} is negative. The whole call,
   * answer included, ends within {@code allowed}: past it the connection is closed (the call
   * then ends within about two seconds more: the TLS socket's close waits up to its linger for a
   * write in progress). An interrupt does not end it, the deadline does: the socket blocks.
   */
  Answer post(URI uri, Map<String, String> requestHeaders, byte[] head, InputStream content, InputStream tail, long length,
      Duration connectTimeout, Duration allowed) throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    connection.setSSLSocketFactory(sockets);
    // The pinned certificate is the peer's identity; its name may not be the address it is reached by.
    connection.setHostnameVerifier((host, session) -> true);
    connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
    connection.setReadTimeout(Math.toIntExact(allowed.toMillis()));
    connection.setUseCaches(false);
    connection.setDoOutput(true);
    connection.setRequestMethod("POST");
    requestHeaders.forEach(connection::setRequestProperty);
    if (length >= 0) {
      connection.setFixedLengthStreamingMode(length);
    } else {
      connection.setChunkedStreamingMode(BUFFER_BYTES);
    }
    AtomicBoolean late = new AtomicBoolean();
    ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
      late.set(true);
      // On a thread of its own: a close can wait for a write in progress (up to the linger), and
      // another call's deadline must not wait for it.
      Thread closer = new Thread(connection::disconnect, "ncs-peer-stream-close");
      closer.setDaemon(true);
      closer.start();
    }, allowed.toMillis(), TimeUnit.MILLISECONDS);
    boolean answered = false;
    try {
      try (OutputStream out = connection.getOutputStream()) {
        out.write(head);
        byte[] buffer = new byte[BUFFER_BYTES];
        copy(content, out, buffer);
        if (tail != null) {
          copy(tail, out, buffer);
        }
      }
      int status = connection.getResponseCode();
      InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String body;
      try (InputStream in = answer == null ? InputStream.nullInputStream() : answer) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      answered = true;
      return Answer.of(status, connection.getHeaderFields(), body);
    } catch (IOException e) {
      throw late.get() ? new DeadlineException(allowed, e) : e;
    } finally {
      deadline.cancel(false);
      if (!answered) {
        // Whatever ended the call (a failed read of the content too), a request left half-sent is not left open.
        connection.disconnect();
      }
    }
  }

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "ncs-peer-stream-deadline");
      thread.setDaemon(true);
      return thread;
    });
    deadlines.setRemoveOnCancelPolicy(true);
    deadlines.setKeepAliveTime(10, TimeUnit.SECONDS);
    deadlines.allowCoreThreadTimeOut(true);
    return deadlines;
  }

  private static void copy(InputStream from, OutputStream to, byte[] buffer) throws IOException {
    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
      to.write(buffer, 0, n);
    }
  }

  /** The context's sockets with {@link #LINGER_SECONDS}. */
  private static final class LingeringSockets extends SSLSocketFactory {
    private final SSLSocketFactory sockets;

    LingeringSockets(SSLSocketFactory sockets) {
      this.sockets = sockets;
    }

    private static Socket lingering(Socket socket) throws IOException {
      socket.setSoLinger(true, LINGER_SECONDS);
      return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
      return lingering(sockets.createSocket());
    }

    @Override
    public Socket createSocket(Socket layered, String host, int port, boolean autoClose) throws IOException {
      return lingering(sockets.createSocket(layered, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return lingering(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return lingering(sockets.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return lingering(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return lingering(sockets.createSocket(address, port, localAddress, localPort));
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return sockets.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return sockets.getSupportedCipherSuites();
    }
  }
}
