package org.ncsha.web.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SsoEntryServletTest {
  @Test
  void a_page_of_this_server_is_where_the_browser_goes_on_to() {
    assertEquals("/admin/operations-center.xhtml?x=1", SsoEntryServlet.localTarget("/admin/operations-center.xhtml?x=1"));
  }

  @Test
  void anything_else_goes_to_the_ha_page_and_never_to_another_site() {
    for (String t : new String[] {null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example", "/sso/start",
        "/admin\r\nSet-Cookie: x"}) {
      assertEquals("/admin/ha.xhtml", SsoEntryServlet.localTarget(t), String.valueOf(t));
    }
  }
}
