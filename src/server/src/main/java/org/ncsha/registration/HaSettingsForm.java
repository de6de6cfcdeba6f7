package org.ncsha.registration;

import java.util.ArrayList;
import java.util.List;
import org.ncsha.ha.FailoverType;

/**
 * The HA settings an administrator may change on a running pair (HA Configuration, or {@code
 * PUT /api/admin/ha/settings}): the Failover Type and the Email Address list, checked with the
 * registration form's rules.
 */
public class HaSettingsForm {
  private String failoverType;
  private String emailAddress;

  /** Each problem names its field; empty when the form is good. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (failoverType == null || failoverType.isBlank()) {
      problems.add("Failover Type: must be Manual or Automatic");
    } else {
      RegistrationForm.failoverTypeProblem(failoverType).ifPresent(problems::add);
    }
    problems.addAll(RegistrationForm.emailProblems(emailAddress));
    return problems;
  }

  public FailoverType type() {
    return FailoverType.fromWireName(failoverType.toLowerCase());
  }

  public List<String> emails() {
    return org.ncsha.mail.EmailList.parse(emailAddress);
  }

  public String getFailoverType() {
    return failoverType;
  }

  public void setFailoverType(String failoverType) {
    this.failoverType = failoverType;
  }

  public String getEmailAddress() {
    return emailAddress;
  }

  public void setEmailAddress(String emailAddress) {
    this.emailAddress = emailAddress;
  }
}
