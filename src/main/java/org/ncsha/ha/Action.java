package org.ncsha.ha;

import java.util.Objects;

/** One thing the runner must do; {@code detail} is its argument or, for mail, the message. */
public record Action(ActionKind kind, String detail) {

  public Action {
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
  }

  public static Action of(ActionKind kind) {
    return new Action(kind, "");
  }

  public static Action of(ActionKind kind, String detail) {
    return new Action(kind, detail);
  }
}
