package org.ncsha.readiness;

/**
 * One line of the checklist: the check, its status, the measured value (null when the check
 * measures nothing) and what it means. {@code impact} and {@code recommendation} are empty for
 * a pass.
 */
public record CheckResult(
    String name, CheckStatus status, Double value, String unit, String detail, String impact, String recommendation) {

  static CheckResult pass(Check check, Double value, String detail) {
    return new CheckResult(check.displayName(), CheckStatus.PASS, value, check.unit(), detail, "", "");
  }

  static CheckResult warning(Check check, Double value, String detail, String recommendation) {
    return new CheckResult(check.displayName(), CheckStatus.WARNING, value, check.unit(), detail, check.impact(), recommendation);
  }

  static CheckResult fail(Check check, Double value, String detail, String recommendation) {
    return new CheckResult(check.displayName(), CheckStatus.FAIL, value, check.unit(), detail, check.impact(), recommendation);
  }
}
