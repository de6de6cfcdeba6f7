package org.ncsha.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationFormTest {
  private static RegistrationForm valid() {
    RegistrationForm f = new RegistrationForm();
    f.secondaryServer = "127.0.1.2";
    f.authenticationKey = "Secret-Key-9";
    f.emailAddress = "noc@example.com, oncall@example.org";
    f.failoverType = "Manual";
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
    f.secondaryServer = " ";
    f.authenticationKey = "alllowercase";
    f.emailAddress = "noc@example.com, not-an-address";
    f.failoverType = "sometimes";
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
    f.secondaryServer = "no-such-host.invalid";
    assertTrue(f.problems().get(0).contains("does not resolve"), f.problems().toString());
  }
}
