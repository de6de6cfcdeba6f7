package org.ncsha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {
  @Test
  void readsScalarsInOrderAndSkipsNestedValues() {
    Map<String, Object> m = FlatJson.parse(
        " {\"server\":\"primary\", \"state\":\"Primary \\\"Active\\\" \\u00e9\", \"n\": -1.5e3, \"ok\":true,"
            + " \"no\":false, \"peer\":null, \"nested\":{\"a\":[1,{\"b\":\"}]\"}]}, \"list\":[\"x\"], \"last\":7}\n");
    assertEquals(List.of("server", "state", "n", "ok", "no", "peer", "last"), List.copyOf(m.keySet()));
    assertEquals("Primary \"Active\" é", m.get("state"));
    assertEquals("-1.5e3", m.get("n"));
    assertEquals(Boolean.TRUE, m.get("ok"));
    assertEquals(Boolean.FALSE, m.get("no"));
    assertTrue(m.containsKey("peer"));
    assertNull(m.get("peer"));
    assertEquals("7", m.get("last"));
  }

  @Test
  void emptyObject() {
    assertTrue(FlatJson.parse("{ }").isEmpty());
  }

  @Test
  void rejectsWhatIsNotAnObject() {
    for (String bad : new String[] {"", "[]", "<html>", "{\"a\":}", "{\"a\":1", "{\"a\":1} x", "{\"a\":tru}", "{a:1}"}) {
      assertThrows(IllegalArgumentException.class, () -> FlatJson.parse(bad), bad);
    }
  }

  @Test
  void quoteEscapes() {
    assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", FlatJson.quote("a\"b\\c\n\u0001"));
    assertEquals("x\"y", FlatJson.parse("{\"k\":" + FlatJson.quote("x\"y") + "}").get("k"));
    assertFalse(FlatJson.quote("é").contains("\\u"));
  }
}
