package org.ncsha.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.ncsha.update.RollingProgress;
import org.ncsha.update.RollingStep;

/** A rolling update's steps as the page and the REST answer list them: done, running, failed or to come. */
public record RollingSteps(RollingStep step, String status, Instant finishedAt) {

  public String name() {
    return step.name();
  }

  public String displayName() {
    return step.displayName();
  }

  public static List<RollingSteps> of(RollingProgress p) {
    return java.util.Arrays.stream(RollingStep.values()).map(s -> new RollingSteps(s, status(p, s), p.finished().get(s))).toList();
  }

  private static String status(RollingProgress p, RollingStep s) {
    if (p.finished().containsKey(s)) {
      return "done";
    }
    if (s != p.step()) {
      return "to come";
    }
    return p.status() == RollingProgress.Status.FAILED ? "failed" : "running";
  }

  /** When the step ended, to the second: "2026-12-03 03:21:40 UTC"; "" while it has not. */
  public String finishedText() {
    return finishedAt == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(java.time.ZoneOffset.UTC).format(finishedAt);
  }

  /** For the page: "done", "running"... in the page's words. */
  public String label() {
    return capitalized(status);
  }

  /** "Running", "Completed", "Failed": a status as the page shows it. */
  public static String capitalized(String status) {
    return status.substring(0, 1).toUpperCase(Locale.ROOT) + status.substring(1).toLowerCase(Locale.ROOT);
  }
}
