package org.ncsha.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ncsha.monitor.PeerLink;
import org.ncsha.node.NodeSettings;
import org.ncsha.security.SecureFiles;

/**
 * Who may act on the Health Monitor: user {@code root} with the authentication key (HTTP Basic
 * over TLS), or the local administrator's CLI through the token file only root can read.
 * Repeated failures lock out the address they come from, for longer each time ({@link
 * LoginThrottle}); a page already logged in stays so; every failure is logged without the key.
 */
@ApplicationScoped
public class HmAuthenticator {
  private static final Logger LOG = Logger.getLogger(HmAuthenticator.class.getName());
  public static final String USER = "root";
  public static final String CLI_TOKEN_HEADER = "X-NCS-CLI-Token";
  /** A verified key is remembered briefly: each PBKDF2 check costs about 120 ms of CPU. */
  static final Duration CACHE = Duration.ofMinutes(2);

  @Inject NodeSettings node;
  @Inject PeerLink peer;

  private final Clock clock = Clock.systemUTC();
  private final Map<String, Instant> verified = new ConcurrentHashMap<>();
  private String cliToken;
  private final LoginThrottle throttle = new LoginThrottle(10_000);
  /** The key generation the remembered logins belong to. */
  private int keyGeneration;

  /** The result of a check: allowed, or the one message every refusal shows. */
  public record Verdict(boolean allowed, String message) {}

  /** Created with the application, so the CLI finds its token as soon as the server is up. */
  void onStart(@jakarta.enterprise.event.Observes @jakarta.enterprise.context.Initialized(ApplicationScoped.class) Object ignored) {
    // Observing is enough: CDI creates the bean, and @PostConstruct writes the token.
  }

  @PostConstruct
  void writeCliToken() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    cliToken = HexFormat.of().formatHex(random);
    try {
      SecureFiles.writePrivate(node.etcDir().resolve("cli.token"), cliToken.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the CLI token", e);
    }
  }

  public Verdict check(String authorization, String cliTokenHeader, String from) {
    if (cliTokenHeader != null) {
      boolean ok = MessageDigest.isEqual(cliTokenHeader.trim().getBytes(StandardCharsets.UTF_8),
          cliToken.getBytes(StandardCharsets.UTF_8));
      return ok ? new Verdict(true, null) : refuse(from, "wrong CLI token");
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return new Verdict(false, "Log in as root with the authentication key");
    }
    java.util.Optional<BasicCredentials> login = BasicCredentials.parse(authorization);
    if (login.isEmpty()) {
      return refuse(from, "malformed credentials");
    }
    return checkLogin(login.get().user(), login.get().password().toCharArray(), from);
  }

  /**
   * The 401 answer for an HM REST call without root and the key (or the CLI token), or null
   * when the caller may go on.
   */
  public Response refusal(String authorization, String cliTokenHeader, String from) {
    Verdict verdict = check(authorization, cliTokenHeader, from);
    if (verdict.allowed()) {
      return null;
    }
    return Response.status(Response.Status.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ncs-ha Health Monitor\"")
        .type(MediaType.APPLICATION_JSON)
        .entity(Map.of("message", verdict.message()))
        .build();
  }

  /** Changes with every key change; sessions logged in under another generation have ended. */
  public int keyGeneration() {
    return peer.keyGeneration();
  }

  /** The Health Monitor page's login and the REST Basic check share this. */
  public synchronized Verdict checkLogin(String user, char[] key, String from) {
    Instant now = clock.instant();
    if (peer.keyGeneration() != keyGeneration) {
      verified.clear();
      keyGeneration = peer.keyGeneration();
    }
    // The lock comes first: checked against the remembered logins, guesses would cost a locked
    // out guesser one hash instead of the key derivation. A page already logged in is not asked
    // again, so a lock on its address does not end it.
    java.util.Optional<Instant> locked = throttle.lockedUntil(from, now);
    if (locked.isPresent()) {
      return new Verdict(false, "Too many failed logins from " + from + ": try again after " + locked.get());
    }
    String cacheKey = fingerprint(user, key);
    Instant until = verified.get(cacheKey);
    if (until != null && now.isBefore(until)) {
      return new Verdict(true, null);
    }
    if (USER.equals(user) && peer.keys().isSet() && peer.keys().verify(key)) {
      throttle.succeeded(from);
      verified.clear();
      verified.put(cacheKey, now.plus(CACHE));
      return new Verdict(true, null);
    }
    return refuse(from, "wrong user or authentication key");
  }

  private synchronized Verdict refuse(String from, String why) {
    LOG.warning("Refused a Health Monitor login from " + from + " (" + why + ")");
    throttle.failed(from, clock.instant()).ifPresent(until ->
        LOG.warning("Health Monitor login locked until " + until + " for " + from + " after "
            + LoginThrottle.FAILURES_PER_LOCKOUT + " failures"));
    // The same words whatever was wrong, so a guesser learns nothing.
    return new Verdict(false, "Invalid user name or authentication key");
  }

  /** A salted digest so the cache never holds the key itself. */
  private String fingerprint(String user, char[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(cliToken.getBytes(StandardCharsets.UTF_8));
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update(new String(key).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
