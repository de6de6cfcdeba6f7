package org.ncsha.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The port's address with no path goes to its page: the guide gives the Health Monitor as
 * https://server:8082. Declared in a web module's web.xml for the context root (the empty
 * pattern), with the page as the init parameter {@code page}.
 */
public class RootRedirect extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    res.sendRedirect(req.getContextPath() + getInitParameter("page"));
  }
}
