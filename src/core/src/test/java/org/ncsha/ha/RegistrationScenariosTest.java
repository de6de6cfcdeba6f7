package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncsha.ha.HaState.*;

import org.junit.jupiter.api.Test;

/** S1, S2 and Remove HA replayed on two deciders side by side. */
class RegistrationScenariosTest {

  @Test
  void s1RegistrationSucceeds() {
    PairHarness h = PairHarness.unregistered(FailoverType.MANUAL);
    h.mark();
    h.command(h.primary, new Command.Register(h.secondary.address, FailoverType.MANUAL, FailbackType.MANUAL));
    h.runUntil(() -> h.primary.state() == PRIMARY_ACTIVE, 10);
    h.assertTable(
        "HA Not Configured | HA Not Configured",
        "HA Initializing | HA Initializing",
        "Primary Active | Secondary Syncing");
    assertEquals(h.secondary.address, h.primary.config.peerAddress());
    assertEquals(h.primary.address, h.secondary.config.peerAddress());
    assertTrue(h.primary.mails.contains("HA registration completed"));
  }

  @Test
  void s2RegistrationFailsWhenTheCloneFails() {
    PairHarness h = PairHarness.unregistered(FailoverType.AUTOMATIC);
    h.secondary.failNext.add(ActionKind.CLONE_FROM_PEER);
    h.command(h.primary, new Command.Register(h.secondary.address, FailoverType.AUTOMATIC, FailbackType.MANUAL));
    h.rounds(1);
    h.mark();
    h.runUntil(() -> h.primary.state() == HA_NOT_CONFIGURED, 10);
    h.rounds(2);
    h.assertTable("HA Initializing | HA Initializing", "HA Not Configured | HA Not Configured");
    assertNull(h.primary.config.peerAddress());
    assertNull(h.secondary.config.peerAddress());
    assertTrue(h.primary.mails.stream().anyMatch(m -> m.startsWith("HA registration failed")));
  }

  @Test
  void s2RegistrationFailsOnThePrimaryAndTheSecondaryIsTold() {
    PairHarness h = PairHarness.unregistered(FailoverType.MANUAL);
    h.primary.failNext.add(ActionKind.REGISTER_SECONDARY);
    h.command(h.primary, new Command.Register(h.secondary.address, FailoverType.MANUAL, FailbackType.MANUAL));
    h.rounds(1);
    h.mark();
    h.rounds(3);
    h.assertTable("HA Initializing | HA Initializing", "HA Not Configured | HA Not Configured");
    assertEquals(HA_NOT_CONFIGURED, h.secondary.state());
  }

  @Test
  void s2RegistrationFailsWhenTheSecondaryIsUnreachable() {
    PairHarness h = PairHarness.unregistered(FailoverType.MANUAL);
    h.cutLink();
    h.mark();
    h.command(h.primary, new Command.Register(h.secondary.address, FailoverType.MANUAL, FailbackType.MANUAL));
    h.rounds(3);
    h.assertTable("HA Not Configured | HA Not Configured",
        "HA Initializing | HA Not Configured", "HA Not Configured | HA Not Configured");
  }

  @Test
  void registrationInterruptedByARestartEndsOnBothServers() {
    PairHarness h = PairHarness.unregistered(FailoverType.MANUAL);
    h.command(h.primary, new Command.Register(h.secondary.address, FailoverType.MANUAL, FailbackType.MANUAL));
    h.step(h.primary);
    h.step(h.secondary);
    h.stop(h.primary);
    h.start(h.primary);
    h.mark();
    h.rounds(2);
    h.assertTable("HA Initializing | HA Initializing", "HA Not Configured | HA Not Configured");
  }

  @Test
  void removeFromPrimaryActiveEndsHaOnBothServers() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.mark();
    h.command(h.primary, new Command.Remove());
    h.rounds(2);
    h.assertTable("Primary Active | Secondary Syncing", "HA Not Configured | HA Not Configured");
    assertNull(h.primary.config.peerAddress());
    assertNull(h.secondary.config.peerAddress());
    // The former secondary detaches its database, then serves as a stand-alone server.
    assertTrue(h.secondary.lastDecision().has(ActionKind.APP_READ_WRITE));
    assertTrue(HA_NOT_CONFIGURED.servesWrites());
    assertFalse(h.primary.decisions.stream().anyMatch(d -> d.refusal() != null));
  }

  @Test
  void registerAgainAfterRemove() {
    PairHarness h = PairHarness.registered(FailoverType.MANUAL);
    h.command(h.primary, new Command.Remove());
    h.rounds(2);
    h.command(h.primary, new Command.Register(h.secondary.address, FailoverType.AUTOMATIC, FailbackType.MANUAL));
    h.runUntil(() -> h.secondary.state() == SECONDARY_SYNCING
        && h.primary.state() == PRIMARY_ACTIVE, 10);
    assertEquals(FailoverType.AUTOMATIC, h.secondary.config.failoverType());
  }
}
