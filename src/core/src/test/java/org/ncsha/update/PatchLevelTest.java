package org.ncsha.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PatchLevelTest {
  @Test
  void the_same_patches_in_any_order_are_the_same_level_and_a_missing_patch_is_not() {
    assertEquals("0.1.1", PatchLevel.describe("0.1.1", List.of()));
    assertEquals("0.1.1 with patches a-1, b-2", PatchLevel.describe("0.1.1", List.of("b-2", "a-1")));
    assertEquals(PatchLevel.describe("0.1.1", List.of("b-2", "a-1")), PatchLevel.describe("0.1.1", List.of("a-1", "b-2")));
    assertNotEquals(PatchLevel.describe("0.1.1", List.of("a-1")), PatchLevel.describe("0.1.1", List.of("a-1", "b-2")));
  }
}
