package org.ncsha.ha;

import static org.ncsha.ha.ActionKind.*;
import static org.ncsha.ha.HaState.*;

import java.util.ArrayList;
import java.util.List;

/** States of a node without HA (HA Not Configured, Stand Alone) and during HA Initializing. */
final class RegistrationRules {

  private RegistrationRules() {}

  static Decision decide(Tick t) {
    if (t.state() == HA_INITIALIZING) {
      return t.role() == Role.PRIMARY ? initializingPrimary(t) : initializingSecondary(t);
    }
    // After PeerRemoved the database was detached; only then does the application write.
    return t.outcome(PROMOTE_DATABASE)
        .map(
            o ->
                o.success()
                    ? Decision.to(
                        t.state(),
                        "database detached after HA was removed; serving as a stand-alone server",
                        Action.of(APP_READ_WRITE))
                    : Decision.to(
                        t.state(),
                        "detaching the database after HA was removed failed: " + o.detail()))
        .orElse(Decision.stay(t.state()));
  }

  private static Decision initializingPrimary(Tick t) {
    return t.outcome(REGISTER_SECONDARY)
        .map(
            o ->
                o.success()
                    ? Decision.to(
                        PRIMARY_ACTIVE,
                        "HA registration completed: the secondary is syncing",
                        Action.of(SEND_MAIL, "HA registration completed"))
                    : backToNotConfigured(t, "HA registration failed: " + o.detail(), true))
        .orElse(Decision.stay(HA_INITIALIZING));
  }

  private static Decision initializingSecondary(Tick t) {
    return t.outcome(CLONE_FROM_PEER)
        .map(
            o ->
                o.success()
                    ? Decision.to(
                        SECONDARY_SYNCING, "database cloned from the primary; now its standby")
                    : backToNotConfigured(
                        t, "cloning the primary's database failed: " + o.detail(), false))
        .orElse(Decision.stay(HA_INITIALIZING));
  }

  /** Registration over (failed, aborted or interrupted): back to HA Not Configured. */
  static Decision backToNotConfigured(Tick t, String why, boolean tellPeer) {
    List<Action> actions = new ArrayList<>();
    if (tellPeer) {
      actions.add(Action.of(PEER_ABORT_REGISTRATION, why));
    }
    actions.add(Action.of(CLEAR_HA_CONFIG));
    if (t.role() == Role.PRIMARY) {
      actions.add(Action.of(SEND_MAIL, why));
    } else {
      // The clone is swapped in only on success, so the old database is still there to use.
      actions.add(Action.of(APP_READ_WRITE));
    }
    return new Decision(HA_NOT_CONFIGURED, actions, why, null);
  }
}
