package org.ncsha.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/states.md says what the code does: same states, same properties, same transitions. */
class DocsConsistencyTest {

  private static String docs() throws IOException {
    return Files.readString(Path.of(System.getProperty("ncs.repo", "."), "docs", "states.md"));
  }

  private static String section(String text, String name) {
    String begin = "<!-- " + name + ":begin -->\n";
    String end = "<!-- " + name + ":end -->";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    assertTrue(from >= 0 && to > from, "docs/states.md lacks the " + name + " markers");
    return text.substring(from + begin.length(), to);
  }

  @Test
  void transitionsTableIsTheOneTheCodeUses() throws IOException {
    assertEquals(TransitionTable.markdown(), section(docs(), "transitions"),
        "regenerate the table in docs/states.md from TransitionTable.markdown()");
  }

  @Test
  void stateDiagramIsGeneratedFromTheSameTable() throws IOException {
    assertEquals(TransitionTable.mermaid(), section(docs(), "diagram"),
        "regenerate the diagram in docs/states.md from TransitionTable.mermaid()");
  }

  @Test
  void everyStateIsDocumentedWithItsServerModeAndWrites() throws IOException {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String line : section(docs(), "states").split("\n")) {
      String[] cells = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
      if (cells.length > 5 && !cells[1].equals("State") && !cells[1].startsWith("---")) {
        rows.put(cells[1], cells);
      }
    }
    assertEquals(
        Arrays.stream(HaState.values()).map(HaState::displayName).collect(Collectors.toSet()),
        rows.keySet(), "states in docs/states.md vs HaState");
    for (HaState state : HaState.values()) {
      String[] row = rows.get(state.displayName());
      String server = state.server() == null ? "both" : state.server().wireName();
      assertEquals(server, row[2], state + " server");
      assertEquals(state.mode().displayName(), row[3], state + " mode");
      assertEquals(state.servesWrites(), row[4].startsWith("yes"), state + " serves writes");
    }
  }

  @Test
  void everyStateNamedInTheTransitionsExists() throws IOException {
    for (String line : section(docs(), "transitions").split("\n")) {
      String[] cells = line.split("\\|");
      if (cells.length > 3 && !cells[1].isBlank() && !cells[1].contains("---")
          && !cells[1].trim().equals("From")) {
        HaState.fromDisplayName(cells[1]);
        HaState.fromDisplayName(cells[2]);
      }
    }
  }

  @Test
  void everyStateIsReachableAndEveryHaStateCanBeLeft() {
    for (HaState state : HaState.values()) {
      boolean reachable = state == HaState.HA_NOT_CONFIGURED
          || TransitionTable.all().stream().anyMatch(t -> t.to() == state);
      boolean leavable = TransitionTable.all().stream().anyMatch(t -> t.from() == state);
      assertTrue(reachable, state + " is never entered");
      assertTrue(leavable, state + " is never left");
    }
  }
}
