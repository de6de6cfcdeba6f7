package org.ncsha.ha;

import java.util.Objects;

/** How a long-running action finished; the runner reports it in the next tick's observations. */
public record ActionOutcome(ActionKind kind, boolean success, String detail) {

  public ActionOutcome {
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
  }

  public static ActionOutcome succeeded(ActionKind kind) {
    return new ActionOutcome(kind, true, "");
  }

  public static ActionOutcome failed(ActionKind kind, String detail) {
    return new ActionOutcome(kind, false, detail);
  }
}
