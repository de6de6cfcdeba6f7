package org.ncsha.oc;

import java.util.Optional;

/**
 * What one look at a managed instance found, from the answers of its servers' admin REST: the
 * server it was added with (its primary, or a server without HA) and, when that one does not
 * serve, the peer its HA status names. The active server is the one that says it serves; an
 * instance whose servers answer but none serves (a pair between states, Primary Alone) has no
 * active server, and one that answers nowhere is unreachable.
 */
public final class InstanceLook {
  private InstanceLook() {}

  /** A server's answer: its HA state, whether it serves now, the peer it names (null without HA) and its device count. */
  public record Answer(String address, String haState, boolean serving, String peer, int deviceCount) {}

  /** The look's outcome, as the Operations Center's list shows it. */
  public record Outcome(boolean reachable, String haState, String activeServer, String secondaryAddress, int deviceCount,
      String why) {}

  /**
   * The outcome from the first server's answer (empty: it did not answer, {@code firstWhy}) and,
   * asked only when that one does not serve, its peer's ({@code peerWhy} when it did not answer).
   */
  public static Outcome of(Optional<Answer> first, String firstWhy, Optional<Answer> peer, String peerWhy,
      String knownSecondary) {
    if (first.isPresent() && first.get().serving()) {
      Answer a = first.get();
      return new Outcome(true, a.haState(), a.address(), a.peer(), a.deviceCount(), null);
    }
    String secondary = first.map(Answer::peer).orElse(knownSecondary);
    if (peer.isPresent() && peer.get().serving()) {
      Answer p = peer.get();
      return new Outcome(true, p.haState(), p.address(), p.address(), p.deviceCount(), null);
    }
    if (first.isEmpty() && peer.isEmpty()) {
      return new Outcome(false, null, null, secondary, -1,
          secondary == null ? firstWhy : firstWhy + "; the secondary " + secondary + ": " + peerWhy);
    }
    Answer seen = first.orElseGet(peer::get);
    return new Outcome(true, seen.haState(), null, secondary, -1, "no server of the instance serves now (" + seen.address()
        + " is " + seen.haState() + ")");
  }

  /** Whether the first server's answer asks for a look at its peer too. */
  public static boolean askPeer(Optional<Answer> first, String knownSecondary) {
    return first.map(a -> !a.serving() && a.peer() != null).orElse(knownSecondary != null);
  }
}
