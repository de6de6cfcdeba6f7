package org.ncsha.opcenter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OcFormsTest {
  private static OcForms.AddInstance form(String address, String user, String password) {
    OcForms.AddInstance f = new OcForms.AddInstance();
    f.setAddress(address);
    f.setUser(user);
    f.setPassword(password);
    return f;
  }

  @Test
  void a_complete_form_passes() {
    assertEquals(List.of(), form("pi-a.example.com", "admin", "pw").problems());
  }

  @Test
  void each_field_is_named_with_its_rule() {
    assertEquals(List.of("address: the server's host name or IP address is required",
        "user: the instance's administrator user name is required",
        "password: the instance's administrator password is required"), form(null, " ", "").problems());
    assertEquals(List.of("user: at most 64 characters and no ':'"), form("10.0.0.5", "ad:min", "pw").problems());
    assertEquals(List.of("password: at most 256 characters"), form("10.0.0.5", "admin", "p".repeat(257)).problems());
  }
}
