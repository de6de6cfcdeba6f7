package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;
import static org.ncsha.ha.Inputs.*;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The public vocabulary the runner, REST and UI rely on. */
class ApiTest {

  @Test
  void twentyStatesWithTheGuidesDisplayNames() {
    assertEquals(20, HaState.values().length);
    assertEquals("Primary Preparing for Failback", PRIMARY_PREPARING_FOR_FAILBACK.displayName());
    assertEquals("Secondary Lost Primary", SECONDARY_LOST_PRIMARY.displayName());
    assertEquals("HA Not Configured", HA_NOT_CONFIGURED.displayName());
    for (HaState s : HaState.values()) {
      assertEquals(s, HaState.fromDisplayName(s.displayName()));
      assertEquals(s, HaState.fromDisplayName(s.displayName().toUpperCase()));
    }
    assertEquals(HA_NOT_CONFIGURED, HaState.fromDisplayName(" HA not configured "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HaState.fromDisplayName("Active"));
    assertTrue(e.getMessage().contains("Primary Active"), e.getMessage());
  }

  @Test
  void writersAreExactlyTheOnesTheBriefNames() {
    Set<HaState> writers = Stream.of(HaState.values()).filter(HaState::servesWrites)
        .collect(Collectors.toSet());
    assertEquals(Set.of(HA_NOT_CONFIGURED, STAND_ALONE, HA_INITIALIZING, PRIMARY_ACTIVE,
        PRIMARY_LOST_SECONDARY, SECONDARY_ACTIVE, SECONDARY_ALONE), writers);
    assertFalse(PRIMARY_ALONE.servesWrites(), "the guide: only the Health Monitor runs in Primary Alone");
    assertFalse(HA_INITIALIZING.servesWrites(Role.SECONDARY));
    assertTrue(HA_INITIALIZING.servesWrites(Role.PRIMARY));
  }

  @Test
  void serversAndModes() {
    assertNull(STAND_ALONE.server());
    assertEquals(Role.PRIMARY, PRIMARY_ALONE.server());
    assertEquals(Role.SECONDARY, SECONDARY_UNCERTAIN.server());
    assertEquals(HaMode.ALONE, PRIMARY_ALONE.mode());
    assertEquals(HaMode.INITIALIZING, HA_INITIALIZING.mode());
    assertEquals("HA alone", HaMode.ALONE.displayName());
    assertEquals("HA not configured", HaMode.NOT_CONFIGURED.displayName());
  }

  @Test
  void failoverTypeWireNames() {
    assertEquals("manual", FailoverType.MANUAL.wireName());
    assertEquals(FailoverType.AUTOMATIC, FailoverType.fromWireName("Automatic"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FailoverType.fromWireName("auto"));
    assertEquals("Unknown failover type 'auto': allowed values are manual, automatic",
        e.getMessage());
  }

  @Test
  void configValidatesAndDefaults() {
    HaConfig c = new HaConfig(null, null, 3, null, null);
    assertEquals(Role.PRIMARY, c.role());
    assertEquals(FailoverType.MANUAL, c.failoverType());
    assertEquals(Duration.ZERO, c.holdDown());
    assertThrows(IllegalArgumentException.class,
        () -> new HaConfig(Role.PRIMARY, null, 0, null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new HaConfig(Role.PRIMARY, null, 3, Duration.ofSeconds(-1), null));
  }

  @Test
  void longRunningActionsMustEndTheirList() {
    assertThrows(IllegalArgumentException.class, () -> new Decision(PRIMARY_ACTIVE,
        List.of(Action.of(ActionKind.PROMOTE_DATABASE), Action.of(ActionKind.APP_READ_WRITE)),
        "x", null));
    assertEquals(Set.of(ActionKind.REGISTER_SECONDARY, ActionKind.CLONE_FROM_PEER,
            ActionKind.PROMOTE_DATABASE, ActionKind.FOLLOW_PEER),
        Stream.of(ActionKind.values()).filter(ActionKind::longRunning).collect(Collectors.toSet()));
  }

  @Test
  void nothingChangedMeansNoOutcome() {
    Decision d = new HaDecider().decide(in(PRIMARY_ACTIVE), at(0, peer(SECONDARY_SYNCING)),
        primary(), null);
    assertFalse(d.changed());
    assertNull(d.outcome());
    assertTrue(d.actions().isEmpty());
    assertEquals(PRIMARY_ACTIVE, d.next());
  }

  @Test
  void aStateOfTheOtherServerIsABug() {
    assertThrows(IllegalStateException.class, () -> new HaDecider()
        .decide(in(SECONDARY_ACTIVE), at(0, null), primary(), null));
  }

  @Test
  void lossNeedsMissLimitConsecutiveMisses() {
    HaDecider decider = new HaDecider();
    assertEquals(PRIMARY_ACTIVE,
        decider.decide(in(PRIMARY_ACTIVE), lost(10, 2), primary(), null).next());
    Decision d = decider.decide(in(PRIMARY_ACTIVE), lost(15, 3), primary(), null);
    assertEquals(PRIMARY_LOST_SECONDARY, d.next());
    assertEquals("lost the secondary after 3 missed heartbeats", d.outcome());
    assertTrue(d.has(ActionKind.SEND_MAIL));
  }

  @Test
  void aPrimaryThatSeesAnActiveSecondaryNeverKeepsWriting() {
    HaDecider decider = new HaDecider();
    for (HaState mine : List.of(PRIMARY_ACTIVE, PRIMARY_ALONE, PRIMARY_LOST_SECONDARY,
        PRIMARY_UNCERTAIN)) {
      for (HaState theirs : List.of(SECONDARY_FAILOVER, SECONDARY_ACTIVE, SECONDARY_ALONE)) {
        Decision d = decider.decide(in(mine), at(0, peer(theirs)), primary(), null);
        assertEquals(PRIMARY_FAILOVER, d.next(), mine + " seeing " + theirs);
        assertFalse(d.next().servesWrites());
        assertTrue(d.has(ActionKind.APP_READ_ONLY) && d.has(ActionKind.RELEASE_VIP));
      }
    }
  }
}
