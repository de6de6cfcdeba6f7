package org.ncsha.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BundleManifestTest {
  static final String SHA_EAR = "a".repeat(64);
  static final String SHA_SQL = "b".repeat(64);

  static Properties good() {
    Properties p = new Properties();
    p.setProperty("name", "ncs-ha");
    p.setProperty("version", "0.2.0");
    p.setProperty("patch.id", "NCS-0.2.0-1");
    p.setProperty("published", "2026-12-02");
    p.setProperty("description", "Adds the device location column");
    p.setProperty("applies.from", "0.1.0");
    p.setProperty("ha.compatibility", "rolling");
    p.setProperty("part.ncs-ha.ear", SHA_EAR);
    return p;
  }

  @Test
  void a_good_manifest_is_read_whole() {
    BundleManifest m = BundleManifest.parse(good());
    assertEquals("0.2.0", m.version().toString());
    assertEquals("NCS-0.2.0-1", m.patchId());
    assertEquals(LocalDate.of(2026, 12, 2), m.published());
    assertEquals(BundleManifest.HaCompatibility.ROLLING, m.ha());
    assertEquals(Map.of("ncs-ha.ear", SHA_EAR), m.parts());
  }

  @Test
  void a_manifest_written_out_reads_back_the_same() {
    BundleManifest m = BundleManifest.parse(good());
    assertEquals(m, BundleManifest.parse(m.toProperties()));
    assertEquals(good(), m.toProperties());
  }

  @Test
  void every_problem_is_reported_at_once_each_with_its_field() {
    Properties p = good();
    p.remove("name");
    p.setProperty("published", "2 Dec 2026");
    p.setProperty("ha.compatibility", "maybe");
    p.setProperty("part.ncs-ha.ear", "XYZ");
    p.setProperty("part.../etc/passwd", SHA_SQL);
    p.setProperty("part.migrations/drop.sql", SHA_SQL);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundleManifest.parse(p));
    for (String field : new String[] {"name: is required", "published: a date as YYYY-MM-DD", "ha.compatibility: rolling or",
        "part.ncs-ha.ear: a SHA-256", "part.../etc/passwd: a bundle holds ncs-ha.ear only", "part.migrations/drop.sql: a bundle holds"}) {
      assertTrue(e.getMessage().contains(field), field + " in " + e.getMessage());
    }
  }

  @Test
  void a_bundle_without_the_application_or_applying_from_a_later_version_is_refused() {
    Properties p = good();
    p.remove("part.ncs-ha.ear");
    p.setProperty("applies.from", "0.3.0");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundleManifest.parse(p));
    assertTrue(e.getMessage().contains("part.ncs-ha.ear: every bundle carries the application"), e.getMessage());
    assertTrue(e.getMessage().contains("applies.from: must not be later than version (0.3.0 > 0.2.0)"), e.getMessage());
  }
}
