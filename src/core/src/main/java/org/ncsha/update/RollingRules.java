package org.ncsha.update;

import java.time.Duration;
import java.time.Instant;
import org.ncsha.ha.HaState;

/**
 * What a rolling update does next, from what the primary sees: each step's action is started
 * once, when the pair is in the state it needs, and the step ends when the pair shows its
 * result. Anything else stops the update, saying where and how to go on; the pair is never left
 * without a serving server by it, since every step starts from a pair with one.
 */
public final class RollingRules {
  private RollingRules() {}

  /** The secondary's software as it last answered: null while it does not answer. */
  public record PeerSoftware(String version, String lastPatchId, String lastStatus, String lastDetail) {}

  /**
   * What the primary sees this tick.
   *
   * @param peerState the secondary's state from its last heartbeat answer, null when not heard
   * @param ownLastStatus this server's last Status of Updates row for the update's patch id (null: none)
   */
  public record View(HaState ownState, HaState peerState, String ownVersion, String ownLastStatus, String ownLastDetail,
      PeerSoftware peer) {}

  public sealed interface Move {}

  /** Start the current step's action. */
  public record Act(RollingStep step) implements Move {}

  /** The current step is done. */
  public record StepDone() implements Move {}

  public record Wait(String what) implements Move {}

  public record Fail(String why) implements Move {}

  /** How long each step may take before the update stops (a restart includes Liberty's start and a database catch-up). */
  public static Duration limit(RollingStep step) {
    return switch (step) {
      case SEND_BUNDLE -> Duration.ofMinutes(5);
      case UPDATE_SECONDARY, UPDATE_PRIMARY -> Duration.ofMinutes(10);
      case SWITCH_TO_SECONDARY, SWITCH_BACK -> Duration.ofMinutes(3);
    };
  }

  /** Why a rolling update cannot start now, or null: the bundle and the pair both must allow it. */
  public static String startProblem(BundleManifest bundle, HaState own, HaState peer, boolean anotherRunning) {
    if (anotherRunning) {
      return "A rolling update is running already; wait for it to end (its steps are on the Software Update page)";
    }
    if (bundle.ha() != BundleManifest.HaCompatibility.ROLLING) {
      return "ha.compatibility: update " + bundle.patchId() + " cannot be installed one server at a time (its database changes"
          + " do not work with the version the other server runs); remove HA, update both servers, then register again";
    }
    if (own != HaState.PRIMARY_ACTIVE || peer != HaState.SECONDARY_SYNCING) {
      return "A rolling update starts on the primary in Primary Active with the secondary in Secondary Syncing; now this"
          + " server is " + own.displayName() + " and the secondary " + (peer == null ? "is not heard" : peer.displayName());
    }
    return null;
  }

  public static Move next(RollingProgress p, View v, Instant now) {
    if (Duration.between(p.stepStartedAt(), now).compareTo(limit(p.step())) > 0) {
      return new Fail(timedOut(p, v));
    }
    return p.acted() ? waitForResult(p, v) : startWhenReady(p, v);
  }

  private static Move startWhenReady(RollingProgress p, View v) {
    return switch (p.step()) {
      case SEND_BUNDLE, UPDATE_SECONDARY -> v.ownState() == HaState.PRIMARY_ACTIVE && v.peerState() == HaState.SECONDARY_SYNCING
          ? new Act(p.step())
          : new Fail(stoppedBefore(p, v, "the pair left Primary Active and Secondary Syncing")
              + "; nothing was changed on the primary: start the rolling update again once the pair is back");
      case SWITCH_TO_SECONDARY -> v.ownState() == HaState.PRIMARY_ACTIVE && v.peerState() == HaState.SECONDARY_SYNCING
          ? new Act(p.step())
          : new Fail(stoppedBefore(p, v, "the pair left Primary Active and Secondary Syncing")
              + "; the secondary runs " + p.targetVersion() + " and the primary " + p.fromVersion()
              + ": update the primary from this page once the pair is back");
      case UPDATE_PRIMARY -> v.ownState() == HaState.PRIMARY_SYNCING && v.peerState() == HaState.SECONDARY_ACTIVE
          ? new Act(p.step())
          : new Fail(stoppedBefore(p, v, "the secondary is not serving with this server as its standby")
              + "; the secondary runs " + p.targetVersion() + ": update this server from its Health Monitor page, then fail back");
      case SWITCH_BACK -> v.ownState() == HaState.PRIMARY_SYNCING && v.peerState() == HaState.SECONDARY_ACTIVE
          ? new Act(p.step())
          : new Fail(stoppedBefore(p, v, "the secondary is not serving with this server as its standby")
              + "; both servers run " + p.targetVersion() + ": fail back from the secondary's Health Monitor page");
    };
  }

  private static Move waitForResult(RollingProgress p, View v) {
    return switch (p.step()) {
      // The send is done when its action returns; a tick in between finds it still acting.
      case SEND_BUNDLE -> new Wait("sending the update to the secondary");
      case UPDATE_SECONDARY -> {
        PeerSoftware peer = v.peer();
        if (peer != null && p.patchId().equals(peer.lastPatchId()) && "Rolled back".equals(peer.lastStatus())) {
          yield new Fail("Stopped at \"" + p.step().displayName() + "\": the update failed on the secondary and was rolled back"
              + " there (" + peer.lastDetail() + "); the primary still serves with " + p.fromVersion()
              + " and nothing else was changed. See the secondary's events, then start again");
        }
        yield peer != null && p.targetVersion().equals(peer.version()) && v.peerState() == HaState.SECONDARY_SYNCING
            && v.ownState() == HaState.PRIMARY_ACTIVE
            ? new StepDone()
            : new Wait("waiting for the secondary to start again with " + p.targetVersion() + " and sync");
      }
      case SWITCH_TO_SECONDARY -> v.ownState() == HaState.PRIMARY_SYNCING && v.peerState() == HaState.SECONDARY_ACTIVE
          ? new StepDone()
          : new Wait("waiting for the secondary to serve and this server to follow it");
      case UPDATE_PRIMARY -> {
        if ("Rolled back".equals(v.ownLastStatus()) && !p.targetVersion().equals(v.ownVersion())) {
          yield new Fail("Stopped at \"" + p.step().displayName() + "\": the update failed on this server and was rolled back ("
              + v.ownLastDetail() + "); the secondary serves with " + p.targetVersion() + " and this server, "
              + p.fromVersion() + ", follows it. Fix the cause, install the update here from the Health Monitor page, then"
              + " fail back from the secondary's");
        }
        yield p.targetVersion().equals(v.ownVersion()) && v.ownState() == HaState.PRIMARY_SYNCING
            && v.peerState() == HaState.SECONDARY_ACTIVE
            ? new StepDone()
            : new Wait("waiting for this server to start again with " + p.targetVersion() + " and sync");
      }
      case SWITCH_BACK -> v.ownState() == HaState.PRIMARY_ACTIVE && v.peerState() == HaState.SECONDARY_SYNCING
          ? new StepDone()
          : new Wait("waiting for this server to serve again and the secondary to follow it");
    };
  }

  private static String stoppedBefore(RollingProgress p, View v, String why) {
    return "Stopped before \"" + p.step().displayName() + "\": " + why + " (this server is " + v.ownState().displayName()
        + ", the secondary " + (v.peerState() == null ? "not heard" : v.peerState().displayName()) + ")";
  }

  private static String timedOut(RollingProgress p, View v) {
    return "Stopped at \"" + p.step().displayName() + "\": it did not end within " + limit(p.step()).toMinutes()
        + " minutes (this server is " + v.ownState().displayName() + ", the secondary "
        + (v.peerState() == null ? "not heard" : v.peerState().displayName()) + "); " + stillServing(p.step(), p);
  }

  /** After a step stopped: what serves, what each server runs, and how the administrator goes on. */
  public static String stillServing(RollingStep step, RollingProgress p) {
    return switch (step) {
      case SEND_BUNDLE, UPDATE_SECONDARY -> "the primary serves with " + p.fromVersion()
          + "; see the secondary's events and Software Update page, then start again";
      case SWITCH_TO_SECONDARY -> "the secondary runs " + p.targetVersion() + "; see both servers' events, and once the pair"
          + " is back in Primary Active and Secondary Syncing update the primary from this page";
      case UPDATE_PRIMARY -> "the secondary serves with " + p.targetVersion() + "; see this server's events, install the"
          + " update here from the Health Monitor page, then fail back from the secondary's";
      case SWITCH_BACK -> "both servers run " + p.targetVersion() + "; see both servers' events and fail back from the"
          + " secondary's Health Monitor page if it still serves";
    };
  }
}
