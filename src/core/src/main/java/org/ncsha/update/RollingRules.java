package org.ncsha.update;

import java.time.Duration;
import java.time.Instant;
import org.ncsha.ha.HaState;

/**
 * What a rolling update does next, from what the primary sees: each step's action is started
 * once, when the pair is in the state it needs, and the step ends when the pair shows its
 * result (for an install: an Installed row of the update's patch made after the step began, so
 * neither an earlier try nor a same-version patch counts). A failed install, or a step past its
 * time limit, stops the update, saying where and how to go on; the pair is never left without a
 * serving server by it, since every step starts from a pair with one.
 */
public final class RollingRules {
  private RollingRules() {}

  /**
   * A server's software as the rolling update sees it: its version, whether the update's patch
   * is installed on it, and the last Status of Updates row for that patch (null fields: none).
   */
  public record Software(String version, boolean patchInstalled, String lastStatus, String lastDetail, Instant lastAt) {
    /** Whether the patch's last row says it was rolled back after {@code since} (an older row is an earlier try). */
    boolean rolledBackSince(Instant since) {
      return lastIs(UpdateOutcome.ROLLED_BACK, since);
    }

    /** Whether the patch's last row says its install was withdrawn after {@code since} (nothing restarted the server). */
    boolean withdrawnSince(Instant since) {
      return lastIs(UpdateOutcome.WITHDRAWN, since);
    }

    /** Whether the patch's last row says it was installed after {@code since}. */
    boolean installedSince(Instant since) {
      return lastIs(UpdateOutcome.INSTALLED, since);
    }

    private boolean lastIs(String status, Instant since) {
      return status.equals(lastStatus) && lastAt != null && lastAt.isAfter(since);
    }
  }

  /**
   * What the primary sees this tick, taken together.
   *
   * @param peerState the secondary's state from a recent heartbeat answer, null when not heard
   * @param peer the secondary's software, null while it does not answer (or is not asked)
   */
  public record View(HaState ownState, HaState peerState, Software own, Software peer) {}

  public sealed interface Move {}

  /** Start the current step's action. */
  public record Act(RollingStep step) implements Move {}

  /** The current step is done. */
  public record StepDone() implements Move {}

  public record Wait(String what) implements Move {}

  public record Fail(String why) implements Move {}

  /**
   * How long each step may take before the update stops: a restart includes Liberty's start and
   * a database catch-up; a switch may include a full copy where a rewind is impossible.
   */
  public static Duration limit(RollingStep step) {
    return switch (step) {
      case SEND_BUNDLE -> Duration.ofMinutes(5);
      case UPDATE_SECONDARY, UPDATE_PRIMARY, SWITCH_TO_SECONDARY -> Duration.ofMinutes(10);
      case SWITCH_BACK -> Duration.ofMinutes(5);
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
    if (!synced(own, peer)) {
      return "A rolling update starts on the primary in Primary Active with the secondary in Secondary Syncing; now this"
          + " server is " + own.displayName() + " and the secondary " + (peer == null ? "is not heard" : peer.displayName());
    }
    return null;
  }

  /**
   * The next move. A step whose pair is not (yet) as it needs waits: the primary may have just
   * started and not heard the secondary, or a restart may be settling; the step's time limit
   * stops it if the pair does not come back.
   */
  public static Move next(RollingProgress p, View v, Instant now) {
    if (Duration.between(p.stepStartedAt(), now).compareTo(limit(p.step())) > 0) {
      return new Fail(timedOut(p, v));
    }
    return p.acted() ? waitForResult(p, v) : startWhenReady(p, v);
  }

  private static Move startWhenReady(RollingProgress p, View v) {
    return switch (p.step()) {
      case SEND_BUNDLE, SWITCH_TO_SECONDARY -> synced(v.ownState(), v.peerState())
          ? new Act(p.step())
          : new Wait(waitingFor(v, "Primary Active with the secondary in Secondary Syncing"));
      case UPDATE_SECONDARY -> {
        if (v.peer() != null && v.peer().patchInstalled() && p.targetVersion().equals(v.peer().version())) {
          yield new StepDone(); // installed there already (an earlier try went on after it stopped)
        }
        yield synced(v.ownState(), v.peerState()) && v.peer() != null
            ? new Act(p.step())
            : new Wait(waitingFor(v, "Primary Active with the secondary in Secondary Syncing"));
      }
      case UPDATE_PRIMARY -> {
        if (v.own().patchInstalled()) {
          yield new StepDone();
        }
        yield switched(v.ownState(), v.peerState())
            ? new Act(p.step())
            : new Wait(waitingFor(v, "the secondary serving with this server as its standby (Primary Syncing)"));
      }
      case SWITCH_BACK -> switched(v.ownState(), v.peerState())
          ? new Act(p.step())
          : new Wait(waitingFor(v, "the secondary serving with this server as its standby (Primary Syncing)"));
    };
  }

  private static Move waitForResult(RollingProgress p, View v) {
    Instant since = p.stepStartedAt();
    return switch (p.step()) {
      // The send ends within the tick that started it; found started, it was cut by a restart: again.
      case SEND_BUNDLE -> new Act(RollingStep.SEND_BUNDLE);
      case UPDATE_SECONDARY -> {
        Software peer = v.peer();
        if (peer != null && peer.rolledBackSince(since)) {
          yield new Fail("Stopped at \"" + p.step().displayName() + "\": the update failed on the secondary and was rolled back"
              + " there (" + peer.lastDetail() + "); the primary still serves with " + p.fromVersion()
              + " and nothing else was changed. See the secondary's events, then start again");
        }
        if (peer != null && peer.withdrawnSince(since)) {
          yield new Fail("Stopped at \"" + p.step().displayName() + "\": the install on the secondary was withdrawn, nothing"
              + " was installed there (" + peer.lastDetail() + "); the primary still serves with " + p.fromVersion()
              + " and nothing else was changed. Mend that on the secondary, then start again");
        }
        // Running the new version too: a new version records its install as it starts, and its
        // launcher may still roll it back (a module that fails after, no answer in time).
        yield peer != null && peer.installedSince(since) && p.targetVersion().equals(peer.version())
            && synced(v.ownState(), v.peerState())
            ? new StepDone()
            : new Wait("waiting for the secondary to start again with " + p.targetVersion() + " and sync");
      }
      case SWITCH_TO_SECONDARY, SWITCH_BACK -> {
        boolean done = p.step() == RollingStep.SWITCH_BACK ? synced(v.ownState(), v.peerState())
            : switched(v.ownState(), v.peerState());
        yield done ? new StepDone() : new Wait(p.step() == RollingStep.SWITCH_BACK
            ? "waiting for this server to serve again and the secondary to follow it"
            : "waiting for the secondary to serve and this server to follow it");
      }
      case UPDATE_PRIMARY -> {
        if (v.own().rolledBackSince(since)) {
          yield new Fail("Stopped at \"" + p.step().displayName() + "\": the update failed on this server and was rolled back ("
              + v.own().lastDetail() + "); the secondary serves with " + p.targetVersion() + " and this server, "
              + p.fromVersion() + ", follows it. Fix the cause, install the update here from the Health Monitor page, then"
              + " fail back from the secondary's");
        }
        if (v.own().withdrawnSince(since)) {
          yield new Fail("Stopped at \"" + p.step().displayName() + "\": the install on this server was withdrawn, nothing"
              + " was installed (" + v.own().lastDetail() + "); the secondary serves with " + p.targetVersion()
              + " and this server, " + p.fromVersion() + ", follows it. Mend that, install the update here from the Health"
              + " Monitor page, then fail back from the secondary's");
        }
        yield v.own().installedSince(since) && switched(v.ownState(), v.peerState())
            ? new StepDone()
            : new Wait("waiting for this server to start again with " + p.targetVersion() + " and sync");
      }
    };
  }

  /** Primary Active with the secondary in Secondary Syncing: where the update starts and ends. */
  private static boolean synced(HaState own, HaState peer) {
    return own == HaState.PRIMARY_ACTIVE && peer == HaState.SECONDARY_SYNCING;
  }

  /** The secondary serving, this server its standby: the middle of the update. */
  private static boolean switched(HaState own, HaState peer) {
    return own == HaState.PRIMARY_SYNCING && peer == HaState.SECONDARY_ACTIVE;
  }

  private static String waitingFor(View v, String what) {
    return "waiting for " + what + " (this server is " + v.ownState().displayName() + ", the secondary "
        + (v.peerState() == null ? "not heard" : v.peerState().displayName()) + ")";
  }

  private static String timedOut(RollingProgress p, View v) {
    return "Stopped at \"" + p.step().displayName() + "\": it did not end within " + limit(p.step()).toMinutes()
        + " minutes (this server is " + v.ownState().displayName() + ", the secondary "
        + (v.peerState() == null ? "not heard" : v.peerState().displayName()) + ")"
        + (p.message().isEmpty() ? "" : " (last: " + p.message() + ")") + "; " + stillServing(p.step(), p);
  }

  /**
   * Whether a step's action that was not taken is tried again rather than stopping the update:
   * the other server refusing now (it has not yet heard this one after a restart, say) or not
   * answering passes; this server refusing to install the update here does not.
   */
  public static boolean retried(RollingStep step, boolean refusedHere) {
    return !(step == RollingStep.UPDATE_PRIMARY && refusedHere);
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
