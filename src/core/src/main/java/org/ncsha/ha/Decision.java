package org.ncsha.ha;

import java.util.List;
import java.util.Objects;

/**
 * The decider's answer for one tick: the next state, the actions to run in order, one sentence
 * saying what happened and why (null when nothing changed; the runner logs it and stores it as
 * the event description) and, when the pending command was refused, the message saying why.
 */
public record Decision(HaState next, List<Action> actions, String outcome, String refusal) {

  public Decision {
    Objects.requireNonNull(next, "next");
    actions = actions == null ? List.of() : List.copyOf(actions);
    for (int i = 0; i < actions.size() - 1; i++) {
      if (actions.get(i).kind().longRunning()) {
        // The runner contract: a long-running action ends its list, so no action waits for it.
        throw new IllegalArgumentException(
            "long-running action " + actions.get(i).kind() + " must be last in " + actions);
      }
    }
  }

  /** Nothing happens this tick. */
  public static Decision stay(HaState state) {
    return new Decision(state, List.of(), null, null);
  }

  /** Moves (or stays, re-running actions) with the given outcome sentence. */
  public static Decision to(HaState next, String outcome, Action... actions) {
    return new Decision(next, List.of(actions), Objects.requireNonNull(outcome, "outcome"), null);
  }

  /** The same decision, with the pending command refused for the given reason. */
  public Decision withRefusal(String reason) {
    return new Decision(next, actions, outcome, reason);
  }

  /**
   * The same decision with {@code quick} run after its own quick actions, before its
   * long-running one (which stays last).
   */
  public Decision withQuickActions(List<Action> quick) {
    List<Action> all = new java.util.ArrayList<>(actions);
    int at = !all.isEmpty() && all.get(all.size() - 1).kind().longRunning() ? all.size() - 1 : all.size();
    all.addAll(at, quick);
    return new Decision(next, all, outcome, refusal);
  }

  /** Whether something happened: a new state, actions to run, or both. */
  public boolean changed() {
    return outcome != null;
  }

  /** Whether the pending command (if any) was accepted. */
  public boolean accepted() {
    return refusal == null;
  }

  /** Whether an action of this kind is in the list. */
  public boolean has(ActionKind kind) {
    return actions.stream().anyMatch(action -> action.kind() == kind);
  }
}
