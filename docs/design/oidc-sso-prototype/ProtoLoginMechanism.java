package proto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.logging.Logger;
import javax.security.auth.callback.Callback;

/**
 * Mirrors org.ncsha.web.AdminLoginMechanism (Basic against Liberty's registry through the
 * container's PasswordValidationCallback, realm "ncs-ha"), minus the lockout.
 * Prototype switch: if the file ${server.config.dir}/sso-pages exists (checked per request),
 * requests whose path is NOT under /api/ get doNothing() so that another authenticator
 * (Liberty's openidConnectClient) can handle them.
 */
@ApplicationScoped
public class ProtoLoginMechanism implements HttpAuthenticationMechanism {
  private static final Logger LOG = Logger.getLogger(ProtoLoginMechanism.class.getName());
  static final String REALM = "ncs-ha";

  private static boolean ssoPages() {
    String dir = System.getProperty("server.config.dir", ".");
    return Files.exists(Path.of(dir, "sso-pages"));
  }

  private static String ssoMode() {
    try {
      return Files.readString(Path.of(System.getProperty("server.config.dir", "."), "sso-pages")).trim();
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
      HttpMessageContext context) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String authz = request.getHeader("Authorization");
    LOG.info("HAM validateRequest path=" + path + " protected=" + context.isProtected()
        + " authz=" + (authz == null ? "none" : authz.split(" ")[0]) + " ssoPages=" + ssoPages());
    if (!context.isProtected()) {
      return context.doNothing();
    }
    boolean isApi = path.startsWith("/api/");
    if (!isApi && ssoPages() && (authz == null || !authz.regionMatches(true, 0, "Basic ", 0, 6))) {
      // Pages: doNothing() does NOT hand over to Liberty's OIDC client (Liberty skips its provider
      // chain for a module with a JASPIC/HAM provider; the result is 403 AuthenticationFailed).
      // So send the browser to the HAM-free SSO entry module instead; it comes back with an LTPA
      // cookie that Liberty accepts before calling this HAM (useLtpaSSOForJaspic="true").
      String mode = ssoMode();
      if ("doNothing".equals(mode)) {
        return context.doNothing();
      }
      String target = request.getRequestURI();
      return context.redirect("/ssologin/start?target=" + java.net.URLEncoder.encode(target, StandardCharsets.UTF_8));
    }
    if (authz == null || !authz.regionMatches(true, 0, "Basic ", 0, 6)) {
      return challenge(response, context);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(authz.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return challenge(response, context);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return challenge(response, context);
    }
    String user = decoded.substring(0, colon);
    PasswordValidationCallback check = new PasswordValidationCallback(context.getClientSubject(), user,
        decoded.substring(colon + 1).toCharArray());
    try {
      context.getHandler().handle(new Callback[] {check});
    } catch (Exception e) {
      LOG.warning("registry check failed: " + e);
      return challenge(response, context);
    }
    if (!check.getResult()) {
      return challenge(response, context);
    }
    if (!isApi && Files.exists(Path.of(System.getProperty("server.config.dir", "."), "register-session"))) {
      // JASPIC registerSession: Liberty implements it with its LTPA SSO cookie (LtpaToken2), which
      // the OP's own endpoints (/oidc/endpoint/...) then accept: the browser is logged in at the OP.
      context.getMessageInfo().getMap().put("jakarta.servlet.http.registerSession", Boolean.TRUE.toString());
    }
    return AuthenticationStatus.SUCCESS;
  }

  private static AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    return context.responseUnauthorized();
  }
}
