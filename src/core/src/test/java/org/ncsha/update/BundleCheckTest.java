package org.ncsha.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BundleCheckTest {
  private final BundleManifest manifest = BundleManifest.parse(BundleManifestTest.good());

  private static BundleCheck.Installed installed(String version, String... patches) {
    return new BundleCheck.Installed(Version.parse("version", version), Set.of(patches));
  }

  @Test
  void a_bundle_whose_parts_match_its_manifest_has_no_content_problem() {
    assertEquals(List.of(), BundleCheck.contentProblems(manifest, Map.of("ncs-ha.ear", BundleManifestTest.SHA_EAR)));
  }

  @Test
  void an_altered_a_missing_and_an_extra_part_are_each_named() {
    List<String> problems = BundleCheck.contentProblems(manifest, Map.of("ncs-ha.ear", "c".repeat(64), "extra.sh", "d".repeat(64)));
    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("part.ncs-ha.ear: its SHA-256 is cccc"));
    assertTrue(problems.get(0).endsWith("the bundle was altered or damaged"));
    assertTrue(problems.get(1).startsWith("extra.sh: in the bundle but not listed"));
    assertEquals(List.of("part.ncs-ha.ear: listed in the manifest but not in the bundle"),
        BundleCheck.contentProblems(manifest, Map.of()));
  }

  @Test
  void it_applies_from_its_minimum_version_and_not_twice_nor_backwards() {
    assertEquals(List.of(), BundleCheck.applicabilityProblems(manifest, installed("0.1.0")));
    assertEquals(List.of(), BundleCheck.applicabilityProblems(manifest, installed("0.1.5", "NCS-0.1.5-1")));
    assertEquals(List.of("applies.from: this update applies to version 0.1.0 or later; this server runs 0.0.9"),
        BundleCheck.applicabilityProblems(manifest, installed("0.0.9")));
    assertEquals(List.of("version: 0.2.0 is older than the installed 0.3.0; going back is a restore (ncs restore), not an update"),
        BundleCheck.applicabilityProblems(manifest, installed("0.3.0")));
    assertEquals(List.of("patch.id: NCS-0.2.0-1 is installed already"),
        BundleCheck.applicabilityProblems(manifest, installed("0.2.0", "NCS-0.2.0-1")));
  }

  @Test
  void a_bundle_that_needs_ha_removed_is_refused_on_a_pair_only_and_says_how_to_go_on() {
    var p = BundleManifestTest.good();
    p.setProperty("ha.compatibility", "requires-ha-removal");
    BundleManifest strict = BundleManifest.parse(p);
    assertTrue(BundleCheck.haProblem(strict, false).isEmpty());
    assertTrue(BundleCheck.haProblem(strict, true).orElseThrow().contains("Remove HA"));
    assertTrue(BundleCheck.haProblem(manifest, true).isEmpty());
  }

  @Test
  void no_install_while_a_failover_failback_or_registration_runs() {
    assertTrue(BundleCheck.stateProblem(org.ncsha.ha.HaState.PRIMARY_ACTIVE).isEmpty());
    assertTrue(BundleCheck.stateProblem(org.ncsha.ha.HaState.SECONDARY_SYNCING).isEmpty());
    assertTrue(BundleCheck.stateProblem(org.ncsha.ha.HaState.HA_NOT_CONFIGURED).isEmpty());
    assertEquals("An update cannot be installed in state Secondary Failback: a registration, failover or failback is under"
        + " way; install when it has ended", BundleCheck.stateProblem(org.ncsha.ha.HaState.SECONDARY_FAILBACK).orElseThrow());
    assertTrue(BundleCheck.stateProblem(org.ncsha.ha.HaState.HA_INITIALIZING).isPresent());
  }
}
