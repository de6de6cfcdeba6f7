package org.ncsha.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ncsha.node.NodeSettings;

/**
 * Keeps the faces of a node apart: the Health Monitor (page, HM REST, peer protocol) only on
 * the HM port (8082), the administrators' UI and REST only on the admin port (9443), and the
 * bandwidth-test sink only on its port (8085).
 */
@WebFilter(urlPatterns = "/*")
public class PortPolicyFilter extends HttpFilter {
  @Inject NodeSettings node;

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    // The path as the container mapped it (decoded, dot segments and doubled slashes resolved),
    // not the raw URI: "/x/../api/status" or "//api/status" must not slip past a prefix test.
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    int port = req.getLocalPort();
    if (path.isEmpty() || path.equals("/")) {
      // The guide gives the Health Monitor as https://<server>:8082, with no path.
      if (port == node.hmPort() || port == node.adminPort()) {
        res.sendRedirect(req.getContextPath() + (port == node.hmPort() ? "/hm/index.xhtml" : "/admin/ha.xhtml"));
        return;
      }
    }
    if (isBandwidthPath(path) != (port == node.bandwidthPort())) {
      res.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    boolean hmPath = isHealthMonitorPath(path);
    boolean onHmPort = port == node.hmPort();
    if (!isBandwidthPath(path) && hmPath != onHmPort && !isSharedPath(path)) {
      res.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    chain.doFilter(req, res);
  }

  static boolean isHealthMonitorPath(String path) {
    return path.startsWith("/api/status")
        || path.startsWith("/api/actions")
        || path.startsWith("/api/peer")
        || path.startsWith("/api/events")
        || path.startsWith("/api/logging")
        || path.startsWith("/api/tofu-certs")
        || path.startsWith("/api/readiness")
        || path.startsWith("/hm");
  }

  /** The bandwidth-test sink answers on its own port only, and nothing else does there. */
  static boolean isBandwidthPath(String path) {
    return path.startsWith("/api/bandwidth");
  }

  /** Static resources both kinds of pages need. */
  static boolean isSharedPath(String path) {
    return path.startsWith("/jakarta.faces.resource") || path.startsWith("/resources");
  }
}
