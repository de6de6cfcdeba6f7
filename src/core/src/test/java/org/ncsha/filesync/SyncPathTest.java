package org.ncsha.filesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncPathTest {
  @Test
  void a_file_in_a_class_folder_is_taken_with_its_class() {
    SyncPath p = SyncPath.of("templates/branch/router-base.xml");
    assertEquals(FileClass.TEMPLATES, p.fileClass());
    assertEquals("templates/branch/router-base.xml", p.path());
    assertEquals(FileClass.LICENSES, SyncPath.of("licenses/ncs.lic").fileClass());
  }

  @ParameterizedTest
  @ValueSource(strings = {"templates/../../etc/passwd", "templates/./a", "templates//a", "templates/a/", "/etc/passwd",
      "templates/..", "../templates/a", "templates\\..\\a", "templates/a\u0000b", "templates/a\nb"})
  void a_path_that_could_leave_the_area_is_refused(String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyncPath.of(path));
    assertTrue(e.getMessage().startsWith("path: "), e.getMessage());
  }

  @Test
  void the_refusal_names_the_rule() {
    assertEquals("path: must start with a class folder (reports, templates, tftp, settings, licenses), was store/x",
        assertThrows(IllegalArgumentException.class, () -> SyncPath.of("store/x")).getMessage());
    assertEquals("path: a file inside a class folder (reports, templates, tftp, settings, licenses), was templates",
        assertThrows(IllegalArgumentException.class, () -> SyncPath.of("templates")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SyncPath.of("templates/" + "a".repeat(2000)))
        .getMessage().startsWith("path: at most 1024 characters"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> SyncPath.of("templates/" + "a".repeat(2000)))
        .getMessage().endsWith("was 2010, starting templates/" + "a".repeat(110) + "..."), "named by its start");
    assertEquals("path: no control characters or backslashes, was templates/a\\x0ab",
        assertThrows(IllegalArgumentException.class, () -> SyncPath.of("templates/a\nb")).getMessage());
  }
}
