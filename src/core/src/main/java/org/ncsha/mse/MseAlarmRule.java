package org.ncsha.mse;

import java.util.Optional;
import org.ncsha.ha.HaState;

/**
 * What the admin server raises when a look at an MSE (its getserverinfo) differs from the one
 * before: the guide's critical alarm when a secondary took over (a failover), the notices that
 * an MSE stopped or started answering, or that a failback ended with the primary active again,
 * and, as events, every other change of an MSE's HA state (the pair's events as the admin server
 * sees them: registration, failover and failback step by step).
 */
public final class MseAlarmRule {
  private MseAlarmRule() {}

  public enum Severity { CRITICAL, MAJOR, CLEARED, INFO }

  /** One alarm: its severity and its text, which names the MSE. */
  public record Alarm(Severity severity, String message) {}

  /**
   * An MSE as one look saw it: whether it answered and, if it did, its HA state (its display
   * name) and the address of the MSE it is paired with.
   */
  public record Look(boolean answered, String haState, String pairedWith) {
    public static Look silent() {
      return new Look(false, null, null);
    }
  }

  /** The alarm the change from {@code before} to {@code now} raises for the MSE {@code name} at {@code address}, if any. */
  public static Optional<Alarm> between(String name, String address, Look before, Look now) {
    String mse = name + " (" + address + ")";
    if (before.answered() && !now.answered()) {
      return Optional.of(new Alarm(Severity.MAJOR, "MSE " + mse + " does not answer"));
    }
    if (!now.answered()) {
      return Optional.empty();
    }
    String active = HaState.SECONDARY_ACTIVE.displayName();
    if (active.equals(now.haState()) && !active.equals(before.haState())) {
      return Optional.of(new Alarm(Severity.CRITICAL, "MSE failover: the secondary MSE " + mse + " took over from the"
          + " primary " + (now.pairedWith() == null ? "MSE" : now.pairedWith()) + ", which failed"));
    }
    // A look every few seconds may see any of the taken-over secondary's states last before it syncs again.
    boolean wasTakenOver = active.equals(before.haState()) || HaState.SECONDARY_FAILBACK.displayName().equals(before.haState())
        || HaState.SECONDARY_POST_FAILBACK.displayName().equals(before.haState());
    if (wasTakenOver && HaState.SECONDARY_SYNCING.displayName().equals(now.haState())) {
      return Optional.of(new Alarm(Severity.CLEARED, "MSE failback: the primary " + (now.pairedWith() == null ? "MSE"
          : now.pairedWith()) + " is active again and the secondary MSE " + mse + " backs it"));
    }
    if (!before.answered()) {
      return Optional.of(new Alarm(Severity.CLEARED, "MSE " + mse + " answers again (" + now.haState() + ")"));
    }
    if (!java.util.Objects.equals(before.haState(), now.haState())) {
      return Optional.of(new Alarm(Severity.INFO, "MSE " + mse + ": " + now.haState() + " (was " + before.haState() + ")"));
    }
    return Optional.empty();
  }
}
