package org.ncsha.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.HaConfig;
import org.ncsha.ha.HaState;
import org.ncsha.ha.PeerContact;
import org.ncsha.ha.Role;
import org.ncsha.peer.HeartbeatMessage;
import org.ncsha.peer.PeerClient;
import org.ncsha.peer.PeerException;
import org.ncsha.peer.PeerSignature;
import org.ncsha.store.InMemoryHaStore;

/**
 * The peer link between the loop and the wire, with a scripted client and a real key file:
 * what each kind of answer counts as, which events it leaves, and a key change's two halves.
 */
class PeerLinkTest {
  @TempDir Path nodeDir;

  private final InMemoryHaStore store = new InMemoryHaStore();
  private final ScriptedClient client = new ScriptedClient();
  private final HaConfig config = new HaConfig(Role.SECONDARY, FailoverType.AUTOMATIC, 3, Duration.ZERO, "10.0.0.1", 16L << 20);
  private final HeartbeatMessage mine = new HeartbeatMessage("10.0.0.2", "secondary", "Secondary Syncing", true, true, null, 0L);
  private PeerLink link;

  @BeforeEach
  void link() throws Exception {
    store.row.setPeerFingerprint("ab".repeat(32));
    link = new PeerLink();
    link.node = TestSettings.of(nodeDir, "node.address=10.0.0.2");
    link.store = store;
    link.init();
    link.client = client;
  }

  private static HeartbeatMessage primary(Long loopAgeMillis) {
    return new HeartbeatMessage("10.0.0.1", "primary", "Primary Active", true, true, "0/3000000", loopAgeMillis);
  }

  @Test
  void without_a_key_the_peer_is_untrusted_and_the_fix_is_named() {
    PeerContact contact = link.exchangeHeartbeat(config, mine);
    assertEquals(PeerContact.Kind.UNTRUSTED, contact.kind());
    assertTrue(link.trustProblem().contains("ncs ha authkey"), link.trustProblem());
  }

  @Test
  void an_untrusted_peer_is_one_event_per_problem_and_trusted_again_is_an_event_too() {
    link.setKey("Pair-Key-42!a".toCharArray());
    for (int i = 0; i < 3; i++) {
      client.script.add(PeerException.untrusted("The server at 10.0.0.1 rejected the authentication key: run 'ncs ha authkey'"));
    }
    client.script.add(primary(0L));
    for (int i = 0; i < 3; i++) {
      assertEquals(PeerContact.Kind.UNTRUSTED, link.exchangeHeartbeat(config, mine).kind());
    }
    assertEquals(1, store.events.stream().filter(e -> e.contains("rejected the authentication key")).count(), store.events.toString());
    PeerContact trusted = link.exchangeHeartbeat(config, mine);
    assertEquals(PeerContact.Kind.ANSWERED, trusted.kind());
    assertEquals(HaState.PRIMARY_ACTIVE, trusted.trustedReport().state());
    assertEquals("0/3000000", link.lastPeerWalPosition());
    assertNull(link.trustProblem());
    assertTrue(store.events.get(store.events.size() - 1).contains("are trusted again"), store.events.toString());
  }

  @Test
  void no_answer_is_silence_and_an_answer_from_a_stalled_loop_counts_its_missed_heartbeats() {
    link.setKey("Pair-Key-42!a".toCharArray());
    client.script.add(new PeerException("The Health Monitor at 10.0.0.1 did not answer within 3000 ms"));
    client.script.add(primary(60_000L));
    assertEquals(PeerContact.Kind.SILENT, link.exchangeHeartbeat(config, mine).kind());
    PeerContact stalled = link.exchangeHeartbeat(config, mine);
    assertEquals(PeerContact.Kind.SILENT, stalled.kind());
    assertEquals(12, stalled.missedAfter(0, true), "60 s without progress is 12 heartbeats of 5 s");
    assertTrue(store.events.isEmpty(), "silence is counted, not recorded each time: " + store.events);
  }

  @Test
  void how_long_the_peer_has_named_its_state_counts_only_unbroken_answers() {
    link.setKey("Pair-Key-42!a".toCharArray());
    HaEngineTest.MutableClock clock = new HaEngineTest.MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    link.clock = clock;
    HeartbeatMessage syncing = new HeartbeatMessage("10.0.0.1", "primary", "Primary Syncing", true, true, "0/3000000", 0L);
    client.script.add(syncing);
    assertEquals(Duration.ZERO, link.exchangeHeartbeat(config, mine).trustedReport().seenInStateFor());
    clock.advance(Duration.ofSeconds(5));
    client.script.add(syncing);
    assertEquals(Duration.ofSeconds(5), link.exchangeHeartbeat(config, mine).trustedReport().seenInStateFor());
    clock.advance(Duration.ofSeconds(5));
    client.script.add(new PeerException("The Health Monitor at 10.0.0.1 did not answer within 3000 ms"));
    link.exchangeHeartbeat(config, mine);
    clock.advance(Duration.ofSeconds(5));
    client.script.add(syncing);
    assertEquals(Duration.ZERO, link.exchangeHeartbeat(config, mine).trustedReport().seenInStateFor(),
        "a miss starts the count again");
    clock.advance(Duration.ofSeconds(5));
    client.script.add(primary(0L));
    assertEquals(Duration.ZERO, link.exchangeHeartbeat(config, mine).trustedReport().seenInStateFor(),
        "another state starts it again");
  }

  @Test
  void a_key_the_peer_offered_is_accepted_on_its_messages_and_taken_when_it_signs_with_it() {
    link.setKey("Old-Pair-Key-1!".toCharArray());
    int generation = link.keyGeneration();
    String oldSecret = link.peerSecret();
    link.offer("New-Pair-Key-2!".toCharArray());
    String offered = link.keys().secretFor("New-Pair-Key-2!".toCharArray());

    PeerLink.RequestKey forOffer = link.keyForRequest(PeerSignature.keyId(offered));
    assertTrue(forOffer.offered());
    assertEquals(offered, forOffer.secret());
    assertEquals(oldSecret, link.peerSecret(), "an offer alone changes nothing this server signs with");
    assertFalse(link.keyForRequest(PeerSignature.keyId(oldSecret)).offered());

    assertTrue(link.takeOffered("Secondary Syncing", "at the request of 10.0.0.1"));
    assertEquals(offered, link.peerSecret());
    assertEquals(generation + 1, link.keyGeneration(), "logins made with the old key end");
    assertEquals(oldSecret, link.keyForRequest(PeerSignature.keyId(oldSecret)).secret(), "the old key stays accepted a while");
    assertTrue(store.events.stream().anyMatch(e -> e.contains("Authentication key updated at the request of 10.0.0.1")),
        store.events.toString());
    assertFalse(link.takeOffered("Secondary Syncing", "again"), "nothing left to take");
  }

  /** A client whose heartbeat answers (or failures) the test lines up. */
  static final class ScriptedClient extends PeerClient {
    final Deque<Object> script = new ArrayDeque<>();

    ScriptedClient() {
      super(8082, Duration.ofSeconds(3));
    }

    @Override
    public HeartbeatMessage heartbeat(String address, String fingerprint, String peerSecret, HeartbeatMessage mine)
        throws PeerException {
      Object next = script.poll();
      if (next instanceof PeerException e) {
        throw e;
      }
      if (next == null) {
        throw new AssertionError("the test did not say what the peer answers");
      }
      return (HeartbeatMessage) next;
    }
  }
}
