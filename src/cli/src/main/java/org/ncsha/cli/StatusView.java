package org.ncsha.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints the Health Monitor's status JSON as aligned "Label: value" lines, known fields first. */
final class StatusView {
  private static final Map<String, String> KNOWN = new LinkedHashMap<>();

  static {
    KNOWN.put("server", "Server");
    KNOWN.put("state", "State");
    KNOWN.put("mode", "Mode");
    KNOWN.put("failoverType", "Failover type");
    KNOWN.put("peer", "Peer");
    KNOWN.put("peerState", "Peer state");
    KNOWN.put("peerHeardSecondsAgo", "Peer heard (s ago)");
    KNOWN.put("serving", "Serving writes");
    KNOWN.put("passiveReason", "Why not serving");
    KNOWN.put("advice", "What to do");
  }

  private StatusView() {}

  static void print(Map<String, String> status, PrintStream out) {
    Map<String, String> lines = new LinkedHashMap<>();
    KNOWN.forEach((key, label) -> {
      if (status.containsKey(key)) {
        lines.put(label, show(status.get(key)));
      }
    });
    status.forEach((key, value) -> {
      if (!KNOWN.containsKey(key)) {
        lines.put(label(key), show(value));
      }
    });
    int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    lines.forEach((label, value) -> out.println(String.format("%-" + width + "s %s", label + ":", value)));
  }

  private static String show(String value) {
    return value == null ? "none" : value;
  }

  /** "lastHeartbeatAt" -> "Last heartbeat at": fields added later still print readably. */
  static String label(String key) {
    String words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
    return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
