package org.ncsha.filesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeScopeTest {
  @Test
  void a_change_counts_as_its_first_level_entry_and_the_scope_covers_what_lies_under_it() {
    ChangeScope scope = ChangeScope.ofChanges(List.of("reports/archive/2026/december/r.xml", "reports/archive/2026",
        "templates/core-switch", "nowhere/x"), Set.of());
    assertEquals(Set.of("reports/archive", "templates/core-switch"), scope.entries());
    assertEquals(Set.of(FileClass.REPORTS, FileClass.TEMPLATES), scope.classes());
    assertFalse(scope.whole());
    assertTrue(scope.covers("reports/archive/2026/december/r.xml"));
    assertTrue(scope.covers("templates/core-switch"));
    assertFalse(scope.covers("templates/core-switch-2"), "a name that only begins like the entry");
    assertFalse(scope.covers("reports/other.xml"));
    assertFalse(scope.covers("licenses/a.lic"));
  }

  @Test
  void a_lost_event_a_class_folder_itself_or_too_many_entries_make_the_class_whole() {
    ChangeScope overflow = ChangeScope.ofChanges(List.of("reports/a"), Set.of(FileClass.REPORTS));
    assertEquals(Set.of(FileClass.REPORTS), overflow.wholeClasses());
    assertEquals(Set.of(), overflow.entries(), "the whole class covers the entry");
    assertTrue(overflow.whole());
    assertTrue(overflow.covers("reports/anything/at/all"));
    assertEquals(Set.of(FileClass.TFTP), ChangeScope.ofChanges(List.of("tftp"), Set.of()).wholeClasses());
    assertEquals(Set.of(FileClass.TFTP), ChangeScope.ofChanges(List.of("tftp/bad\\name"), Set.of()).wholeClasses(),
        "a name that may not travel as a path");
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= ChangeScope.MAX_ENTRIES_PER_CLASS; i++) {
      many.add("reports/r-" + i + ".xml");
    }
    many.add("templates/t");
    ChangeScope crowded = ChangeScope.ofChanges(many, Set.of());
    assertEquals(Set.of(FileClass.REPORTS), crowded.wholeClasses());
    assertEquals(Set.of("templates/t"), crowded.entries());
  }

  @Test
  void the_timers_scope_is_whole_classes() {
    ChangeScope all = ChangeScope.whole(List.of(FileClass.values()));
    assertTrue(all.whole());
    assertEquals(Set.of(FileClass.values()), all.classes());
    assertTrue(ChangeScope.whole(List.of()).isEmpty());
  }
}
