package org.ncsha.ha;

import java.util.Objects;

/**
 * The pure HA decision function: from the current state, one tick's observations, the HA
 * configuration and a pending command to the next state and the actions to run. Ordered checks
 * that return early: startup, then the pending command, then the state's own rules; after them,
 * whatever the state, the mode kept in line ({@link ModeRules}) and a restart of the database
 * when {@link DatabaseRestartRule} asks for one.
 */
public final class HaDecider {

  /** Decides one tick; never reads a clock or does I/O. */
  public Decision decide(NodeStatus current, Observations obs, HaConfig config, Command pending) {
    Tick t = tick(current, obs, config, pending);
    Decision decision = DatabaseRestartRule.ask(t, ModeRules.align(t, decideTick(t)));
    if (!TransitionTable.allows(current.state(), decision.next())) {
      // A change missing from the table is a bug in these rules: fail loudly, change nothing.
      throw new IllegalStateException(
          "undeclared transition " + current.state().displayName() + " -> "
              + decision.next().displayName() + " (" + decision.outcome() + ")");
    }
    return decision;
  }

  private static Decision decideTick(Tick t) {
    Command pending = t.pending();
    if (t.obs().startup()) {
      return startup(t);
    }
    String refusal = null;
    if (pending != null) {
      CommandRules.Verdict verdict = CommandRules.judge(t);
      if (verdict.accepted() != null) {
        return verdict.accepted();
      }
      refusal = verdict.refusal();
    }
    return stateRules(t).withRefusal(refusal);
  }

  /**
   * Whether {@code command} would be accepted now, for answering a REST call with 409 at once:
   * null when allowed, otherwise the refusal message naming the current state.
   */
  public String refusalFor(
      NodeStatus current, Observations obs, HaConfig config, Command command) {
    Objects.requireNonNull(command, "command");
    return CommandRules.judge(tick(current, obs, config, command)).refusal();
  }

  private static Tick tick(
      NodeStatus current, Observations obs, HaConfig config, Command pending) {
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(obs, "obs");
    Objects.requireNonNull(config, "config");
    if (!current.state().allowedFor(config.role())) {
      throw new IllegalStateException(
          "state " + current.state().displayName() + " cannot be the state of the "
              + config.role().wireName());
    }
    return new Tick(current, obs, config, pending);
  }

  private static Decision startup(Tick t) {
    Decision special = StartupRules.decide(t);
    Decision decision = special != null ? special : stateRules(t);
    if (!decision.changed()) {
      decision = StartupRules.reapplyMode(t);
    }
    // Commands wait until the node knows where it stands after the restart.
    return t.pending() == null
        ? decision
        : decision.withRefusal(
            t.pending().displayName()
                + " is not possible while the Health Monitor is starting (state "
                + t.state().displayName()
                + "); try again");
  }

  private static Decision stateRules(Tick t) {
    if (!t.state().haConfigured() || t.state() == HaState.HA_INITIALIZING) {
      return RegistrationRules.decide(t);
    }
    return t.role() == Role.PRIMARY ? PrimaryRules.decide(t) : SecondaryRules.decide(t);
  }
}
