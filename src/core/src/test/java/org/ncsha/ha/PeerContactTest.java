package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerContactTest {
  private static final Duration HEARTBEAT = Duration.ofSeconds(5);
  private static final Duration PEER_TIMEOUT = Duration.ofSeconds(3);
  private static final PeerReport SYNCING = new PeerReport(HaState.SECONDARY_SYNCING, true, true);

  @Test
  void a_trusted_answer_clears_the_misses_and_reaches_the_decider() {
    PeerContact c = PeerContact.answered(SYNCING, Duration.ofSeconds(2), HEARTBEAT, PEER_TIMEOUT);
    assertEquals(PeerContact.Kind.ANSWERED, c.kind());
    assertEquals(0, c.missedAfter(2, true));
    assertSame(SYNCING, c.trustedReport());
  }

  @Test
  void an_untrusted_answer_is_a_live_peer_never_a_miss_and_the_decider_does_not_see_its_state() {
    PeerContact c = PeerContact.untrusted("another key");
    assertEquals(0, c.missedAfter(2, true), "the peer answered: the outage count starts again");
    assertEquals(0, c.missedAfter(0, true));
    assertNull(c.trustedReport());
  }

  @Test
  void silence_counts_one_miss_per_heartbeat_tick_and_none_on_prompt_ticks() {
    PeerContact c = PeerContact.silent("timed out");
    assertEquals(3, c.missedAfter(2, true));
    assertEquals(2, c.missedAfter(2, false));
  }

  @Test
  void an_answer_from_a_loop_that_stopped_counts_as_the_heartbeats_it_has_missed() {
    PeerContact c = PeerContact.answered(SYNCING, Duration.ofSeconds(16), HEARTBEAT, PEER_TIMEOUT);
    assertEquals(PeerContact.Kind.SILENT, c.kind());
    assertNull(c.trustedReport());
    assertEquals(3, c.missedAfter(0, true), "16 s without a cycle is three 5 s heartbeats");
    assertEquals(4, c.missedAfter(3, true));
    assertTrue(c.problem().contains("16 s"), c.problem());
  }

  @Test
  void a_loop_busy_for_one_heartbeat_and_one_peer_call_is_still_live() {
    assertEquals(PeerContact.Kind.ANSWERED,
        PeerContact.answered(SYNCING, Duration.ofSeconds(8), HEARTBEAT, PEER_TIMEOUT).kind());
    assertEquals(PeerContact.Kind.SILENT,
        PeerContact.answered(SYNCING, Duration.ofMillis(8001), HEARTBEAT, PEER_TIMEOUT).kind());
    assertEquals(PeerContact.Kind.ANSWERED, PeerContact.answered(SYNCING, null, HEARTBEAT, PEER_TIMEOUT).kind(),
        "a sender that does not say its loop age is taken as live");
  }
}
