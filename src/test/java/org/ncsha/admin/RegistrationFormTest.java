package org.ncsha.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationFormTest {
  private static RegistrationForm valid() {
    RegistrationForm f = new RegistrationForm();
    f.setSecondaryServer("127.0.1.2");
    f.setAuthenticationKey("Secret-Key-9");
    f.setEmailAddress("noc@example.com, oncall@example.org");
    f.setFailoverType("Manual");
    return f;
  }

  @Test
  void a_complete_form_has_no_problems_and_splits_the_mail_list() {
    RegistrationForm f = valid();
    assertEquals(List.of(), f.problems());
    assertEquals(List.of("noc@example.com", "oncall@example.org"), f.emails());
  }

  @Test
  void each_problem_names_its_field() {
    RegistrationForm f = valid();
    f.setSecondaryServer(" ");
    f.setAuthenticationKey("alllowercase");
    f.setEmailAddress("noc@example.com, not-an-address");
    f.setFailoverType("sometimes");
    List<String> problems = f.problems();
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("Secondary Server:"));
    assertTrue(problems.get(1).startsWith("Authentication Key"));
    assertTrue(problems.get(2).contains("not-an-address"));
    assertTrue(problems.get(3).startsWith("Failover Type:"));
  }

  @Test
  void an_unresolvable_secondary_is_refused() {
    RegistrationForm f = valid();
    f.setSecondaryServer("no-such-host.invalid");
    assertTrue(f.problems().get(0).contains("does not resolve"), f.problems().toString());
  }
}
