package org.ncsha.readiness;

import java.time.Instant;
import java.util.List;

/** One run of a checklist: when, which set, against which server, the overall result and every check. */
public record ReadinessRun(Instant time, CheckSet set, String peer, CheckStatus overall, List<CheckResult> results) {
  public ReadinessRun {
    results = List.copyOf(results);
  }
}
