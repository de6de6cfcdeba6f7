package org.ncsha.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * What one heartbeat exchange said about the peer, and what it is worth as evidence. Only
 * silence (no answer, or an answer from a Health Monitor whose loop has stopped) counts toward
 * the miss limit. A peer that answers but cannot be trusted (another key, a clock too far off,
 * another certificate) is alive: that raises an alarm and never, by itself, a failover.
 */
public record PeerContact(Kind kind, PeerReport report, String problem, int missedAtLeast) {

  public enum Kind {
    /** A signed, trusted answer from a loop that is running. */
    ANSWERED,
    /** An answer this node cannot trust: alive, state unknown. */
    UNTRUSTED,
    /** No answer, or an answer from a stalled loop: counts toward the miss limit. */
    SILENT
  }

  public PeerContact {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.ANSWERED) {
      Objects.requireNonNull(report, "report");
    }
  }

  /**
   * A trusted answer whose sender's loop last made progress {@code loopAge} ago (null when the
   * sender does not say). A loop may legitimately spend one heartbeat and one peer call per
   * cycle; older than that, the answer is the last word of a Health Monitor that has stopped
   * deciding, and counts as that many missed heartbeats.
   */
  public static PeerContact answered(PeerReport report, Duration loopAge, Duration heartbeat, Duration peerTimeout) {
    if (loopAge != null && loopAge.compareTo(heartbeat.plus(peerTimeout)) > 0) {
      return new PeerContact(Kind.SILENT, null,
          "the peer's Health Monitor answers, but its loop last ran " + loopAge.toSeconds() + " s ago",
          (int) Math.min(Integer.MAX_VALUE, loopAge.toMillis() / Math.max(1, heartbeat.toMillis())));
    }
    return new PeerContact(Kind.ANSWERED, report, null, 0);
  }

  public static PeerContact untrusted(String problem) {
    return new PeerContact(Kind.UNTRUSTED, null, problem, 0);
  }

  public static PeerContact silent(String why) {
    return new PeerContact(Kind.SILENT, null, why, 0);
  }

  /**
   * The consecutive missed heartbeats after this exchange. Only heartbeat ticks count a miss,
   * so "failed after N misses" keeps meaning N heartbeat intervals however often the loop runs.
   */
  public int missedAfter(int previous, boolean heartbeatTick) {
    return switch (kind) {
      case ANSWERED, UNTRUSTED -> 0;
      case SILENT -> Math.max(heartbeatTick ? previous + 1 : previous, missedAtLeast);
    };
  }

  /** What the decider is told about the peer: its report only when it can be trusted. */
  public PeerReport trustedReport() {
    return kind == Kind.ANSWERED ? report : null;
  }
}
