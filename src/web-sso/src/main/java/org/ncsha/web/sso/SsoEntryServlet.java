package org.ncsha.web.sso;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Where the admin pages send a browser without a login when this server has an SSO server: by
 * the time this runs, Liberty's OpenID Connect client has signed the user in at the SSO server
 * and set its cookie, which the pages accept; the browser goes on to the page it asked for.
 */
@WebServlet("/start")
public class SsoEntryServlet extends HttpServlet {
  private static final String HOME = "/admin/ha.xhtml";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.sendRedirect(localTarget(request.getParameter("target")));
  }

  /** A path on this server only: anything else would make this an open redirect. */
  static String localTarget(String target) {
    if (target == null || !target.startsWith("/") || target.startsWith("//") || target.contains("\\")
        || target.startsWith("/sso/") || target.chars().anyMatch(c -> c < 0x20)) {
      return HOME;
    }
    return target;
  }
}
