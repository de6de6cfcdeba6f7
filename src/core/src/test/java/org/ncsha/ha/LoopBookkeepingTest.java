package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopBookkeepingTest {
  private static final Duration HB = Duration.ofSeconds(5);
  private static final PeerReport ACTIVE = new PeerReport(HaState.PRIMARY_ACTIVE, true, true);

  @Test
  void only_heartbeat_ticks_count_silence_and_any_answer_resets_the_count() {
    LoopBookkeeping loop = new LoopBookkeeping();
    loop.tickStarted(true);
    assertNull(loop.peerExchanged(PeerContact.silent("timeout"), true));
    loop.tickStarted(false);
    loop.peerExchanged(PeerContact.silent("timeout"), false);
    assertEquals(1, loop.missedHeartbeats(), "a prompt decision between heartbeats counts no miss");
    loop.peerExchanged(PeerContact.silent("timeout"), true);
    assertEquals(2, loop.missedHeartbeats());
    loop.peerExchanged(PeerContact.untrusted("another key"), true);
    assertEquals(0, loop.missedHeartbeats(), "a peer that answers, even untrusted, is alive");
    assertSame(ACTIVE, loop.peerExchanged(PeerContact.answered(ACTIVE, Duration.ZERO, HB, HB), true));
    loop.peerExchanged(PeerContact.answered(ACTIVE, Duration.ofSeconds(60), HB, HB), true);
    assertEquals(12, loop.missedHeartbeats(), "a stale loop's answer counts the heartbeats it missed");
    loop.peerExchanged(null, true);
    assertEquals(0, loop.missedHeartbeats(), "no peer configured");
  }

  @Test
  void failed_follows_count_in_a_row_until_one_succeeds_or_the_monitor_restarts() {
    LoopBookkeeping loop = new LoopBookkeeping();
    ActionOutcome failed = ActionOutcome.failed(ActionKind.FOLLOW_PEER, "pg_rewind failed");
    assertEquals(0, loop.followsFinished(java.util.List.of()));
    assertEquals(1, loop.followsFinished(java.util.List.of(failed)));
    assertEquals(1, loop.followsFinished(java.util.List.of(ActionOutcome.succeeded(ActionKind.SEND_MAIL))),
        "other actions leave the row alone");
    assertEquals(2, loop.followsFinished(java.util.List.of(failed)));
    assertEquals(0, loop.followsFinished(java.util.List.of(ActionOutcome.succeeded(ActionKind.FOLLOW_PEER))));
    loop.followsFinished(java.util.List.of(failed));
    loop.restarted();
    assertEquals(0, loop.followsFinished(java.util.List.of()), "a restart starts the row again");
  }

  @Test
  void a_prompt_tick_asks_a_silent_peer_only_for_a_command() {
    LoopBookkeeping loop = new LoopBookkeeping();
    assertTrue(loop.asksPeer(false, false), "the peer answered last time: a prompt tick asks it");
    loop.peerExchanged(PeerContact.silent("timeout"), true);
    assertTrue(loop.asksPeer(true, false), "a heartbeat tick always asks");
    assertFalse(loop.asksPeer(false, false), "silent at the last heartbeat: a prompt tick does not wait for it");
    assertTrue(loop.asksPeer(false, true), "a command's verdict sees the peer as it is");
    loop.peerExchanged(PeerContact.untrusted("another key"), true);
    assertTrue(loop.asksPeer(false, false));
  }

  @Test
  void the_first_decision_is_the_startup_one_until_the_monitor_restarts() {
    LoopBookkeeping loop = new LoopBookkeeping();
    assertTrue(loop.startup());
    loop.decided(HaState.PRIMARY_ALONE, Decision.stay(HaState.PRIMARY_ALONE));
    assertFalse(loop.startup());
    loop.peerExchanged(PeerContact.silent("down"), true);
    loop.restarted();
    assertTrue(loop.startup());
    assertEquals(0, loop.missedHeartbeats());
    assertFalse(LoopBookkeeping.afterStartup().startup());
  }

  @Test
  void transitions_ask_for_at_most_four_prompt_decisions_per_heartbeat() {
    LoopBookkeeping loop = new LoopBookkeeping();
    loop.tickStarted(true);
    int prompt = 0;
    for (int i = 0; i < 6; i++) {
      LoopBookkeeping.After after = loop.decided(HaState.SECONDARY_SYNCING, Decision.to(HaState.SECONDARY_LOST_PRIMARY, "lost"));
      assertTrue(after.transition());
      prompt += after.decideAgainNow() ? 1 : 0;
    }
    assertEquals(LoopBookkeeping.MAX_FOLLOW_UPS, prompt, "flapping observations cannot spin the loop");
    loop.tickStarted(true);
    assertTrue(loop.decided(HaState.SECONDARY_SYNCING, Decision.to(HaState.SECONDARY_LOST_PRIMARY, "lost")).decideAgainNow(),
        "the next heartbeat renews the budget");
  }

  @Test
  void an_outcome_of_staying_is_one_event_until_something_else_happens() {
    LoopBookkeeping loop = new LoopBookkeeping();
    Decision refused = new Decision(HaState.SECONDARY_LOST_PRIMARY, java.util.List.of(), "automatic failover refused: lag", null);
    assertEquals("automatic failover refused: lag", loop.decided(HaState.SECONDARY_LOST_PRIMARY, refused).stayEvent());
    assertNull(loop.decided(HaState.SECONDARY_LOST_PRIMARY, refused).stayEvent(), "the same outcome again is not recorded again");
    loop.decided(HaState.SECONDARY_LOST_PRIMARY, Decision.to(HaState.SECONDARY_SYNCING, "heard again"));
    assertEquals("automatic failover refused: lag", loop.decided(HaState.SECONDARY_LOST_PRIMARY, refused).stayEvent(),
        "after a transition it is news again");
  }
}
