package org.ncsha.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Bounds what any one source address may ask of a node, before any login or signature check:
 * a flood from one address gets 429 and cannot starve the Health Monitor, the peer's heartbeats
 * or other users. A browser stays far below the limit; the peer server (and the host itself) is
 * not limited at all, so a flood can never cost a heartbeat.
 */
@WebFilter(urlPatterns = "/*")
public class RequestRateFilter extends HttpFilter {
  private static final Logger LOG = Logger.getLogger(RequestRateFilter.class.getName());
  private static final ThrottledLog REFUSALS = new ThrottledLog(java.time.Duration.ofMinutes(1));

  @jakarta.inject.Inject org.ncsha.monitor.HaEngine engine;
  @jakarta.inject.Inject org.ncsha.access.RequestBudget budget;

  /**
   * The peer server, and this host itself: on loopback every local client and a peer on the
   * same host arrive as 127.0.0.1 and cannot be told apart, and whoever runs on the host needs
   * no flood to do harm.
   */
  private boolean exempt(String source) {
    return source.equals(engine.config().peerAddress()) || source.startsWith("127.") || source.equals("::1")
        || source.equals("0:0:0:0:0:0:0:1");
  }

  @Override
  protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    Instant now = Instant.now();
    String source = req.getRemoteAddr();
    if (!exempt(source) && !budget.allow(source, now)) {
      REFUSALS.note(LOG, "Refusing requests from " + source + ": more than " + org.ncsha.access.RequestBudget.PER_SECOND + " a second");
      res.setHeader("Retry-After", "1");
      res.setContentType("text/plain;charset=UTF-8");
      res.setStatus(429);
      res.getWriter().write("Too many requests from " + source + ": at most " + org.ncsha.access.RequestBudget.PER_SECOND + " a second\n");
      return;
    }
    chain.doFilter(req, res);
  }
}
