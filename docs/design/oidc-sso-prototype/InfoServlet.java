package proto;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

@WebServlet(urlPatterns = {"/admin/page", "/api/thing"})
public class InfoServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    boolean api = req.getServletPath().startsWith("/api");
    resp.setContentType(api ? "application/json" : "text/html");
    String user = req.getRemoteUser();
    String s = "server=" + System.getProperty("wlp.server.name") + " path=" + req.getServletPath()
        + " user=" + user + " isAdmin=" + req.isUserInRole("admin") + " authType=" + req.getAuthType();
    if (api) {
      resp.getWriter().println("{\"info\":\"" + s + "\"}");
    } else {
      resp.getWriter().println("<html><head><title>proto page</title></head><body><p id=\"info\">" + s
          + "</p><p><a id=\"rplink\" href=\"https://127.0.0.1:19543/app/admin/page\">instance page</a></p></body></html>");
    }
  }
}
