package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HaAdviceTest {
  @Test
  void aPrimaryAloneWhoseSecondaryIsSilentIsToldAboutNcsHaRemove() {
    String advice = HaAdvice.of(HaState.PRIMARY_ALONE, Role.PRIMARY, false, "10.0.0.2");
    assertTrue(advice.contains("10.0.0.2") && advice.contains("run 'ncs ha remove' on this server"), advice);
    assertTrue(HaAdvice.of(HaState.PRIMARY_LOST_SECONDARY, Role.PRIMARY, false, "10.0.0.2").contains("ncs ha remove"));
  }

  @Test
  void noAdviceOnceTheSecondaryAnswersOrWhenAllIsWell() {
    assertNull(HaAdvice.of(HaState.PRIMARY_ALONE, Role.PRIMARY, true, "10.0.0.2"));
    assertNull(HaAdvice.of(HaState.PRIMARY_ACTIVE, Role.PRIMARY, true, "10.0.0.2"));
    assertNull(HaAdvice.of(HaState.SECONDARY_SYNCING, Role.SECONDARY, true, "10.0.0.1"));
  }

  @Test
  void theStatesThatWaitForTheAdministratorSayWhatToDo() {
    assertTrue(HaAdvice.of(HaState.SECONDARY_LOST_PRIMARY, Role.SECONDARY, false, "10.0.0.1").contains("Failover"));
    assertTrue(HaAdvice.of(HaState.PRIMARY_SYNCING, Role.PRIMARY, true, "10.0.0.2").contains("Failback"));
    assertTrue(HaAdvice.of(HaState.PRIMARY_DATABASE_COPY_FAILED, Role.PRIMARY, true, "10.0.0.2").contains("restart"));
  }

  @Test
  void aPassiveServerSaysWhyInItsCurrentState() {
    assertTrue(HaAdvice.whyPassive(HaState.PRIMARY_ALONE, Inputs.primary()).contains("only the Health Monitor runs"));
    assertTrue(HaAdvice.whyPassive(HaState.SECONDARY_SYNCING, Inputs.secondary()).contains("Secondary Syncing"));
  }
}
