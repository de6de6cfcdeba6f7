package org.ncsha.ha;

/**
 * What the administrator should do now, for the states where the guide asks for a decision of
 * theirs; null when nothing is needed. Shown in the status and on the Health Monitor page.
 */
public final class HaAdvice {
  private HaAdvice() {}

  public static String of(HaState state, Role role, boolean peerAnswering, String peerAddress) {
    String peer = peerAddress == null ? "the other server" : peerAddress;
    return switch (state) {
      case PRIMARY_ALONE -> peerAnswering ? null
          : "Only the Health Monitor runs: this server restarted and the secondary server " + peer + " does not"
              + " answer, so it serves nothing (the secondary may have taken over). It serves again when the"
              + " secondary answers as a standby. If the secondary will not return, run 'ncs ha remove' on this"
              + " server (it asks Y/N; add --peer-is-down when the secondary's database cannot be reached) to run"
              + " stand-alone.";
      case PRIMARY_LOST_SECONDARY -> peerAnswering ? null
          : "The secondary server " + peer + " does not answer. HA resumes when it returns; if it will not,"
              + " run 'ncs ha remove' on this server (it asks Y/N) to run stand-alone.";
      case SECONDARY_LOST_PRIMARY -> "The primary server " + peer + " is lost. Trigger Failover on this"
          + " Health Monitor page to make this server active.";
      case PRIMARY_UNCERTAIN -> "This server's application or database failed and could not be restarted."
          + " Fail over to the secondary, then restart this server.";
      case PRIMARY_SYNCING -> role == Role.PRIMARY
          ? "The secondary " + peer + " is active. Trigger Failback on its Health Monitor page to make this"
              + " server active again."
          : null;
      case PRIMARY_DATABASE_COPY_FAILED -> "The database copy from the secondary failed (see the events)."
          + " Fix the cause and restart this server to try again.";
      default -> null;
    };
  }

  /**
   * Why a server in this state takes no writes, for the 503 of a write and the status; {@code
   * config} says whether it is an MSE primary waiting in HA recovery mode.
   */
  public static String whyPassive(HaState state, HaConfig config) {
    if (config.recoveryMode() && !state.haConfigured()) {
      return "HA recovery mode: this replaced primary MSE serves nothing until the secondary fails back onto it"
          + " (Prime Infrastructure's failback), which brings it the pair's data";
    }
    return state == HaState.PRIMARY_ALONE
        ? "Primary Alone: this server restarted and has not heard the secondary yet; only the Health Monitor runs"
            + " until the secondary answers as a standby (if the secondary will not return, 'ncs ha remove' makes"
            + " this server stand-alone)"
        : "this server is in state " + state.displayName() + " and does not serve writes";
  }
}
