package ssobridge;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * SSO entry module WITHOUT any HttpAuthenticationMechanism: /ssologin/start is protected, so
 * Liberty's openidConnectClient (authFilter) authenticates it at the OC. After that Liberty has
 * set its LTPA cookie; we send the browser on to the target page of the HAM module, which
 * accepts the LTPA cookie (webAppSecurity useLtpaSSOForJaspic="true").
 */
@WebServlet("/start")
public class StartServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String target = req.getParameter("target");
    if (target == null || !target.startsWith("/app/admin/")) { // only local page targets
      target = "/app/admin/page";
    }
    resp.sendRedirect(target);
  }
}
