package org.ncsha.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ncsha.store.HaEventRecord;
import org.ncsha.store.HaStore;

/** Events as JSON objects (time in ISO-8601 UTC, state, description): the one shape of both ports. */
final class EventsJson {
  private EventsJson() {}

  static List<Map<String, String>> page(HaStore store, int first, int max) {
    return store.events(first, max).stream().map(EventsJson::json).toList();
  }

  private static Map<String, String> json(HaEventRecord e) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("time", e.getTime().toString());
    m.put("state", e.getState());
    m.put("description", e.getDescription());
    return m;
  }
}
