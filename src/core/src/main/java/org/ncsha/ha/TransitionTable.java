package org.ncsha.ha;

import static org.ncsha.ha.HaState.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every state change the decider may make, with when it happens: one immutable table that the
 * decider checks each change against and that docs/states.md prints (a test keeps them equal).
 */
public final class TransitionTable {

  /** One allowed change of state and the situations that cause it. */
  public record Transition(HaState from, HaState to, String when) {}

  private static final List<Transition> ALL = build();

  private TransitionTable() {}

  public static List<Transition> all() {
    return ALL;
  }

  public static boolean allows(HaState from, HaState to) {
    return from == to || ALL.stream().anyMatch(t -> t.from() == from && t.to() == to);
  }

  /** The table as the Markdown that docs/states.md contains. */
  public static String markdown() {
    StringBuilder sb = new StringBuilder("| From | To | When |\n|---|---|---|\n");
    for (Transition t : ALL) {
      sb.append("| ").append(t.from().displayName()).append(" | ")
          .append(t.to().displayName()).append(" | ").append(t.when()).append(" |\n");
    }
    return sb.toString();
  }

  /**
   * The same table as a Mermaid state diagram for docs/states.md (one arrow per pair of states;
   * the table gives the reasons).
   */
  public static String mermaid() {
    StringBuilder sb = new StringBuilder("```mermaid\nstateDiagram-v2\n");
    for (HaState s : HaState.values()) {
      sb.append("  state \"").append(s.displayName()).append("\" as ").append(s.name()).append('\n');
    }
    sb.append("  [*] --> HA_NOT_CONFIGURED\n");
    ALL.stream().map(t -> "  " + t.from().name() + " --> " + t.to().name() + "\n").distinct().forEach(sb::append);
    return sb.append("```\n").toString();
  }

  private static List<Transition> build() {
    List<Transition> t = new ArrayList<>();
    // Registration and removal (S1, S2, Remove HA, S9 without secondary).
    add(t, HA_NOT_CONFIGURED, HA_INITIALIZING, "Register (primary) / AcceptRegistration (secondary)");
    add(t, STAND_ALONE, HA_INITIALIZING, "Register (primary) / AcceptRegistration (secondary)");
    add(t, HA_INITIALIZING, PRIMARY_ACTIVE, "REGISTER_SECONDARY succeeded");
    add(t, HA_INITIALIZING, SECONDARY_SYNCING, "CLONE_FROM_PEER succeeded");
    add(t, HA_INITIALIZING, HA_NOT_CONFIGURED,
        "registration failed, aborted by the peer, or interrupted by a restart");
    add(t, PRIMARY_ACTIVE, HA_NOT_CONFIGURED, "Remove (the secondary is told: PeerRemoved)");
    add(t, PRIMARY_ALONE, STAND_ALONE,
        "Remove while the secondary does not answer: its database seen not writable, or --peer-is-down");
    add(t, PRIMARY_LOST_SECONDARY, STAND_ALONE,
        "Remove while the secondary does not answer: its database seen not writable, or --peer-is-down");
    for (HaState s : List.of(SECONDARY_SYNCING, SECONDARY_UNCERTAIN, SECONDARY_LOST_PRIMARY,
        SECONDARY_FAILOVER, SECONDARY_ACTIVE, SECONDARY_ALONE, SECONDARY_FAILBACK,
        SECONDARY_POST_FAILBACK)) {
      add(t, s, HA_NOT_CONFIGURED, "PeerRemoved: the primary removed HA");
    }
    // Primary while it claims the active role (S3..S9).
    add(t, PRIMARY_ACTIVE, PRIMARY_LOST_SECONDARY, "missLimit heartbeats missed");
    add(t, PRIMARY_ACTIVE, PRIMARY_UNCERTAIN,
        "database unhealthy or a critical process down; or PROMOTE_DATABASE failed after failback");
    add(t, PRIMARY_ACTIVE, PRIMARY_ALONE,
        "HM started (S7): the secondary does not answer yet, or answers as a standby; nothing is served");
    add(t, PRIMARY_LOST_SECONDARY, PRIMARY_ALONE, "HM started (S9): the secondary does not answer yet; nothing is served");
    add(t, PRIMARY_UNCERTAIN, PRIMARY_ALONE, "HM started: the secondary does not answer yet; nothing is served");
    add(t, PRIMARY_ALONE, PRIMARY_ACTIVE, "the secondary answers as a standby and this server is healthy: serving");
    add(t, PRIMARY_LOST_SECONDARY, PRIMARY_ACTIVE, "the secondary answers as a standby");
    add(t, PRIMARY_LOST_SECONDARY, PRIMARY_UNCERTAIN, "database unhealthy or a critical process down");
    add(t, PRIMARY_UNCERTAIN, PRIMARY_ACTIVE, "database and critical processes healthy again");
    add(t, PRIMARY_UNCERTAIN, PRIMARY_LOST_SECONDARY,
        "healthy again while the secondary is lost");
    for (HaState s : List.of(PRIMARY_ACTIVE, PRIMARY_ALONE, PRIMARY_LOST_SECONDARY,
        PRIMARY_UNCERTAIN)) {
      add(t, s, PRIMARY_FAILOVER,
          "the secondary reports Secondary Failover/Active/Alone (split-brain guard)"
              + (s == PRIMARY_ACTIVE ? "; or ForceFailover" : ""));
    }
    // Primary after the secondary took over (S3..S6, force failover, full copy).
    add(t, PRIMARY_FAILOVER, PRIMARY_SYNCING, "FOLLOW_PEER succeeded");
    add(t, PRIMARY_FAILOVER, PRIMARY_DATABASE_COPY_FAILED, "FOLLOW_PEER failed");
    add(t, PRIMARY_FAILOVER, PRIMARY_PREPARING_FOR_FAILBACK, "HM started: FOLLOW_PEER");
    add(t, PRIMARY_DATABASE_COPY_FAILED, PRIMARY_PREPARING_FOR_FAILBACK,
        "HM started: FOLLOW_PEER retried");
    add(t, PRIMARY_PREPARING_FOR_FAILBACK, PRIMARY_SYNCING, "FOLLOW_PEER succeeded");
    add(t, PRIMARY_PREPARING_FOR_FAILBACK, PRIMARY_DATABASE_COPY_FAILED, "FOLLOW_PEER failed");
    // Failback (F, S10).
    add(t, PRIMARY_SYNCING, PRIMARY_FAILBACK,
        "the secondary reports Secondary Failback, or AcceptFailback");
    add(t, HA_NOT_CONFIGURED, PRIMARY_FAILBACK, "AcceptFailback (replaced primary): FOLLOW_PEER");
    add(t, STAND_ALONE, PRIMARY_FAILBACK, "AcceptFailback (replaced primary): FOLLOW_PEER");
    add(t, PRIMARY_FAILBACK, PRIMARY_ACTIVE,
        "the secondary reports Secondary Post Failback: PROMOTE_DATABASE");
    add(t, PRIMARY_FAILBACK, PRIMARY_SYNCING, "the secondary is active again (failback abandoned)");
    add(t, PRIMARY_FAILBACK, PRIMARY_DATABASE_COPY_FAILED, "FOLLOW_PEER (full copy) failed");
    add(t, PRIMARY_FAILBACK, PRIMARY_PREPARING_FOR_FAILBACK, "HM started: FOLLOW_PEER");
    // Secondary as standby (S3..S9).
    add(t, SECONDARY_SYNCING, SECONDARY_LOST_PRIMARY,
        "missLimit heartbeats missed, the primary reports itself failed, or HM started without"
            + " an answer");
    add(t, SECONDARY_UNCERTAIN, SECONDARY_LOST_PRIMARY,
        "missLimit heartbeats missed, the primary reports itself failed, or HM started without"
            + " an answer");
    add(t, SECONDARY_SYNCING, SECONDARY_UNCERTAIN, "database unhealthy or a critical process down");
    add(t, SECONDARY_UNCERTAIN, SECONDARY_SYNCING, "healthy again");
    add(t, SECONDARY_LOST_PRIMARY, SECONDARY_SYNCING,
        "the primary answers, healthy, in Primary Active/Alone/Lost Secondary");
    add(t, SECONDARY_LOST_PRIMARY, SECONDARY_UNCERTAIN,
        "the primary answers again while this database is its own, writable (a failed hand-over)");
    add(t, SECONDARY_LOST_PRIMARY, SECONDARY_FAILOVER,
        "Failover; automatic failover after holdDown; or the primary reports Primary Failover");
    add(t, SECONDARY_SYNCING, SECONDARY_FAILOVER,
        "the primary reports Primary Failover (forced failover); or Failover while the primary"
            + " reports Primary Uncertain");
    add(t, SECONDARY_UNCERTAIN, SECONDARY_FAILOVER, "the primary reports Primary Failover");
    // Secondary taking over and handing back (S3..S6, F, S10).
    add(t, SECONDARY_FAILOVER, SECONDARY_ACTIVE, "PROMOTE_DATABASE succeeded");
    add(t, SECONDARY_FAILOVER, SECONDARY_LOST_PRIMARY,
        "PROMOTE_DATABASE failed, or HM started without the witness lease");
    add(t, SECONDARY_ACTIVE, SECONDARY_ALONE, "HM started and the primary does not answer");
    add(t, SECONDARY_ALONE, SECONDARY_ACTIVE, "the primary answers");
    add(t, SECONDARY_ACTIVE, SECONDARY_FAILBACK,
        "Failback with the primary in Primary Syncing (or HA Not Configured: replaced primary)");
    add(t, SECONDARY_FAILBACK, SECONDARY_POST_FAILBACK, "the primary replayed everything this server wrote");
    add(t, SECONDARY_FAILBACK, SECONDARY_ACTIVE,
        "the primary lost or not caught up in time, or HM started (failback abandoned)");
    add(t, SECONDARY_POST_FAILBACK, SECONDARY_SYNCING, "FOLLOW_PEER succeeded");
    add(t, SECONDARY_POST_FAILBACK, SECONDARY_UNCERTAIN, "FOLLOW_PEER failed");
    add(t, SECONDARY_UNCERTAIN, SECONDARY_POST_FAILBACK,
        "a failed hand-over, the primary healthy: FOLLOW_PEER again after 1 min, doubling to 1 h, or at a restart");
    return Collections.unmodifiableList(t);
  }

  private static void add(List<Transition> table, HaState from, HaState to, String when) {
    table.add(new Transition(from, to, when));
  }
}
