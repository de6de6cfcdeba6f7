package org.ncsha.security;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTPS clients for servers met by trust on first use: one client (and its connections) per
 * pinned certificate, and one for first contacts, which accepts any certificate and lets the
 * caller read and pin it ({@link PinnedTrust#acceptAnyAndRecord}). HTTP/1.1 only: an HTTP/2
 * connection left open to a Liberty server holds its stop for the whole quiesce period.
 */
public final class PinnedClients {
  private static final String FIRST_CONTACT = "";

  private final Duration connectTimeout;
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

  public PinnedClients(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** The client that trusts only {@code fingerprint}; null: the first contact's, which trusts any. */
  public HttpClient forPin(String fingerprint) {
    return clients.computeIfAbsent(fingerprint == null ? FIRST_CONTACT : fingerprint, f -> HttpClient.newBuilder()
        .sslContext(f.equals(FIRST_CONTACT) ? PinnedTrust.acceptAnyAndRecord() : PinnedTrust.sslContext(f))
        .connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build());
  }
}
