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

  @Test
  void a_patch_rolled_back_after_it_started_or_newer_than_the_running_version_is_not_installed() {
    Version running = Version.parse("version", "0.1.2");
    java.time.Instant t = java.time.Instant.parse("2026-12-05T03:00:00Z");
    List<PatchLevel.Outcome> rows = List.of(
        new PatchLevel.Outcome("p-1", true, "0.1.1", t),
        // Recorded by the new version at its start, then rolled back by the launcher.
        new PatchLevel.Outcome("p-2", true, "0.1.2", t.plusSeconds(60)),
        new PatchLevel.Outcome("p-2", false, "0.1.2", t.plusSeconds(70)),
        new PatchLevel.Outcome("p-3", true, "0.1.2", t.plusSeconds(120)));
    assertEquals(List.of("p-1", "p-3"), List.copyOf(PatchLevel.installed(rows, running, null)));
    // After 'ncs node init' put 0.1.1 back, the patch to 0.1.2 is not running, and may be installed again.
    assertEquals(List.of("p-1"), List.copyOf(PatchLevel.installed(rows, Version.parse("version", "0.1.1"), null)));
    // Nor is anything installed before node init placed the installation's application, whatever its version.
    assertEquals(List.of("p-3"), List.copyOf(PatchLevel.installed(rows, running, t.plusSeconds(100))));
    assertEquals(List.of(), List.copyOf(PatchLevel.installed(rows, running, t.plusSeconds(200))));
  }
}
