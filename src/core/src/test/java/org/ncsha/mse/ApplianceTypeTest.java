package org.ncsha.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ApplianceTypeTest {
  /** Table 5 of the guide, row by row: primary type, then Y/N for secondaries 3355, VA-2, VA-3, VA-4, VA-5. */
  private static final String[] TABLE_5 = {
      "3355 Y N N N N",
      "VA-2 N Y Y Y Y",
      "VA-3 N N Y Y Y",
      "VA-4 N N N Y Y",
      "VA-5 N N N N Y"};

  @Test
  void every_cell_of_the_guides_pairing_matrix() {
    ApplianceType[] columns = {ApplianceType.MSE_3355, ApplianceType.VA_2, ApplianceType.VA_3, ApplianceType.VA_4,
        ApplianceType.VA_5};
    for (String row : TABLE_5) {
      String[] cells = row.split(" ");
      ApplianceType primary = ApplianceType.fromDisplayName("primaryType", cells[0]);
      for (int c = 0; c < columns.length; c++) {
        assertEquals("Y".equals(cells[c + 1]), primary.canBeBackedBy(columns[c]), primary + " backed by " + columns[c]);
      }
    }
  }

  @Test
  void an_unknown_type_is_refused_with_the_types_there_are() {
    assertEquals("secondaryType: 'VA-9' is not an MSE type (3355, VA-2, VA-3, VA-4, VA-5)",
        assertThrows(IllegalArgumentException.class, () -> ApplianceType.fromDisplayName("secondaryType", "VA-9")).getMessage());
  }
}
