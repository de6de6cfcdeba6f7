package org.ncsha.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;
import javax.security.auth.callback.Callback;
import org.ncsha.opcenter.SsoClient;
import org.ncsha.opcenter.SsoProvider;

/**
 * The administrators' Basic login on 9443, checked against Liberty's user registry as Liberty's
 * own Basic login does, with the Health Monitor's per-address lockout in front: after
 * {@link LoginThrottle#FAILURES_PER_LOCKOUT} failures from one address that address waits
 * (30 s, doubling up to 15 minutes), without its guesses reaching the registry, while every
 * other address logs in as before. A page session that already logged in with the same
 * credentials goes on from a locked address (the session id is what a guesser lacks), so a
 * guesser behind the same NAT does not end an administrator's work. The Health Monitor's own
 * paths are not protected here (it checks root and the key itself) and pass untouched.
 */
@ApplicationScoped
public class AdminLoginMechanism implements HttpAuthenticationMechanism {
  private static final Logger LOG = Logger.getLogger(AdminLoginMechanism.class.getName());
  static final String REALM = "ncs-ha";
  /** The digest of the credentials a page session logged in with. */
  private static final String SESSION_LOGIN = "org.ncsha.adminLogin";

  @Inject SsoClient ssoClient;
  @Inject SsoProvider ssoProvider;
  private final LoginThrottle throttle = new LoginThrottle(4096);
  private final Clock clock = Clock.systemUTC();
  private final ThrottledLog refusals = new ThrottledLog(Duration.ofMinutes(1));
  private final byte[] pepper = new byte[32];

  public AdminLoginMechanism() {
    new SecureRandom().nextBytes(pepper);
  }

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
      HttpMessageContext context) {
    if (!context.isProtected()) {
      return context.doNothing();
    }
    String from = request.getRemoteAddr();
    Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
    boolean page = !request.getRequestURI().startsWith("/api/");
    if (credentials.isEmpty()) {
      // With an SSO server, a browser without a login signs in there: Liberty's OIDC client runs
      // only for the SSO entry module (it never does for a module with a mechanism like this one),
      // whose login then lets the browser in here (useLtpaSSOForJaspic). The REST keeps Basic.
      if (page && ssoClient.isOn()) {
        return context.redirect(SsoClient.ENTRY + "?target=" + java.net.URLEncoder.encode(target(request), StandardCharsets.UTF_8));
      }
      return challenge(response, context);
    }
    BasicCredentials login = credentials.get();
    Instant now = clock.instant();
    String digest = digest(login);
    Optional<Instant> locked = throttle.lockedUntil(from, now);
    if (locked.isPresent()) {
      if (loggedInSession(request, digest)) {
        return AuthenticationStatus.SUCCESS;
      }
      return lockedOut(response, from, locked.get(), now);
    }
    if (!registryAccepts(login, context)) {
      refusals.note(LOG, "Refused an admin login from " + from + " (wrong user name or password)");
      throttle.failed(from, now).ifPresent(until -> LOG.warning("Admin login locked until " + until + " for " + from
          + " after " + LoginThrottle.FAILURES_PER_LOCKOUT + " failures"));
      return challenge(response, context);
    }
    throttle.succeeded(from);
    if (page && ssoProvider.isOn()) {
      // The Operations Center's provider signs in a browser that logged in to these pages: the
      // registered session is Liberty's SSO cookie, which the provider's endpoints accept.
      context.getMessageInfo().getMap().put("jakarta.servlet.http.registerSession", Boolean.TRUE.toString());
    }
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    if (session != null) {
      session.setAttribute(SESSION_LOGIN, digest);
    }
    return AuthenticationStatus.SUCCESS;
  }

  /** The page asked for, to come back to after the SSO server's sign-in. */
  private static String target(HttpServletRequest request) {
    return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
  }

  /** Whether this request's page session already logged in with these very credentials. */
  private static boolean loggedInSession(HttpServletRequest request, String digest) {
    jakarta.servlet.http.HttpSession session = request.getSession(false);
    Object known = session == null ? null : session.getAttribute(SESSION_LOGIN);
    return known instanceof String s && MessageDigest.isEqual(
        s.getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII));
  }

  /** Liberty's registry decides, through the container's callback, as for its own Basic login. */
  private static boolean registryAccepts(BasicCredentials login, HttpMessageContext context) {
    PasswordValidationCallback check = new PasswordValidationCallback(context.getClientSubject(), login.user(),
        login.password().toCharArray());
    try {
      context.getHandler().handle(new Callback[] {check});
      return check.getResult();
    } catch (IOException | javax.security.auth.callback.UnsupportedCallbackException e) {
      LOG.warning("The user registry could not check an admin login: " + e.getMessage());
      return false;
    } finally {
      check.clearPassword();
    }
  }

  private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    return context.responseUnauthorized();
  }

  private static AuthenticationStatus lockedOut(HttpServletResponse response, String from, Instant until, Instant now) {
    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
    try {
      response.setHeader("Retry-After", Long.toString(seconds));
      response.sendError(429, "Too many failed logins from " + from + ": try again after " + until);
    } catch (IOException e) {
      LOG.fine("The lockout answer could not be sent: " + e.getMessage());
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /** A digest with a per-process pepper, so what a session keeps gives no password away. */
  private String digest(BasicCredentials login) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(pepper);
      sha.update(login.user().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(login.password().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
