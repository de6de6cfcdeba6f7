package org.ncsha.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code ncs show version} and {@code ncs update ...}: this server's version and patches, and its
 * software updates, through its own Health Monitor (docs/operations.md, "Software updates").
 */
final class UpdateCommands {
  static final String USAGE = String.join("\n",
      "usage: ncs update upload FILE       upload an update bundle to this server (it is verified at once)",
      "       ncs update install ID        install an uploaded update on this server (it restarts)",
      "       ncs update install ID --rolling",
      "                                    on the primary: the whole pair, one server at a time",
      "       ncs update delete ID         delete an uploaded update file from this server");
  /** An upload of a large bundle over a slow disk may take a while. */
  private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final NodeDir node;
  private final PrintStream out;

  UpdateCommands(NodeDir node, PrintStream out) {
    this.node = node;
    this.out = out;
  }

  /**
   * The running server's version and patches; when it does not answer (stopped, or no node here
   * yet), the version of the installed files, as the guide's {@code show version} shows it.
   */
  int showVersion() throws CliException {
    JsonObject o;
    try {
      o = object(client(TIMEOUT).get("/api/software", node.cliToken()));
    } catch (CliException e) {
      out.println("ncs-ha version " + org.ncsha.node.ProductVersion.current());
      out.println("(the installed files' version; the server does not answer, so its installed patches are not shown: "
          + e.getMessage() + ")");
      return 0;
    }
    out.println("ncs-ha version " + o.getString("version"));
    JsonArray patches = o.getJsonArray("patches");
    out.println(patches.isEmpty() ? "Installed patches: none"
        : "Installed patches: " + String.join(", ", patches.getValuesAs(v -> ((jakarta.json.JsonString) v).getString())));
    if (o.get("pending") instanceof JsonObject pending) {
      out.println("Being installed: " + pending.getString("patchId") + " (" + pending.getString("version") + ")");
    }
    // What 'ncs update install ID' and 'ncs update delete ID' take.
    if (o.get("uploads") instanceof JsonArray uploads && !uploads.isEmpty()) {
      out.println("Uploaded updates: " + String.join(", ", uploads.getValuesAs(v -> {
        JsonObject u = (JsonObject) v;
        return u.getString("patchId") + " (" + u.getString("version") + ")";
      })));
    }
    return 0;
  }

  int run(List<String> w, boolean rolling) throws CliException {
    String sub = w.isEmpty() ? "" : w.get(0);
    switch (sub) {
      case "upload" -> {
        if (w.size() != 2) {
          throw CliException.usage(USAGE);
        }
        return upload(Path.of(w.get(1)));
      }
      case "install" -> {
        if (w.size() != 2) {
          throw CliException.usage(USAGE);
        }
        return rolling ? rolling(w.get(1)) : install(w.get(1));
      }
      case "delete" -> {
        if (w.size() != 2 || rolling) {
          throw CliException.usage(USAGE);
        }
        return delete(w.get(1));
      }
      default -> throw CliException.usage(USAGE);
    }
  }

  private int delete(String patchId) throws CliException {
    // The id is a path segment: encoded, so that no id reaches another resource.
    String path = "/api/software/uploads/" + java.net.URLEncoder.encode(patchId, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
    out.println(object(client(TIMEOUT).delete(path, node.cliToken())).getString("message"));
    return 0;
  }

  private int upload(Path file) throws CliException {
    NodeDir.requireReadableFile(file, "is not a file");
    JsonObject o = object(client(UPLOAD_TIMEOUT).postFile("/api/software/uploads", file, node.cliToken()));
    out.println("Uploaded and verified: " + o.getString("patchId") + " - " + o.getString("name") + " "
        + o.getString("version") + ", published " + o.getString("published") + ": " + o.getString("description"));
    out.println("Install it with: ncs update install " + o.getString("patchId"));
    return 0;
  }

  private int install(String patchId) throws CliException {
    String body = jakarta.json.Json.createObjectBuilder().add("patchId", patchId).build().toString();
    JsonObject o = object(client(TIMEOUT).post("/api/software/install", body, node.cliToken()));
    out.println(o.getString("message"));
    out.println("Follow it with 'ncs status' and 'ncs show version'.");
    return 0;
  }

  /** How long {@code --rolling} follows the steps: two restarts and two switchovers, each with its own limit. */
  private static final Duration FOLLOW_AT_MOST = Duration.ofMinutes(40);

  /**
   * Starts the rolling update on this server (the primary) and prints each step as it ends, until
   * it completed (exit 0) or stopped (exit 1, with where and how to go on). While this server
   * restarts its Health Monitor does not answer for a while: that is expected, and followed through.
   */
  private int rolling(String patchId) throws CliException {
    String body = jakarta.json.Json.createObjectBuilder().add("patchId", patchId).build().toString();
    JsonObject started = object(client(TIMEOUT).post("/api/software/rolling", body, node.cliToken()));
    out.println(started.getString("message"));
    java.util.Set<String> reported = new java.util.HashSet<>();
    boolean saidRestart = false;
    long deadline = System.nanoTime() + FOLLOW_AT_MOST.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject progress;
      try {
        JsonObject overview = object(client(TIMEOUT).get("/api/software", node.cliToken()));
        progress = overview.get("rolling") instanceof JsonObject o ? o : null;
      } catch (CliException e) {
        if (!saidRestart) {
          out.println("This server does not answer now (it restarts into the update); following on when it is back.");
          saidRestart = true;
        }
        progress = null;
      }
      if (progress != null) {
        saidRestart = false;
        for (JsonValue v : progress.getJsonArray("steps")) {
          JsonObject step = (JsonObject) v;
          if ("done".equals(step.getString("status")) && reported.add(step.getString("step"))) {
            out.println("  done: " + org.ncsha.update.RollingStep.valueOf(step.getString("step")).displayName()
                + " (" + step.getString("finishedAt") + ")");
          }
        }
        String status = progress.getString("status");
        if ("completed".equals(status)) {
          out.println("Rolling update completed: " + progress.getString("message"));
          return 0;
        }
        if ("failed".equals(status)) {
          throw CliException.failure("Rolling update stopped: " + progress.getString("message"));
        }
      }
      try {
        Thread.sleep(2000); // the pace of the progress display, not a wait for a condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw CliException.failure("Stopped following the rolling update after " + FOLLOW_AT_MOST.toMinutes()
        + " minutes; it goes on on the server: its Health Monitor's Software Update page (port 8082) shows the steps.");
  }

  private HmClient client(Duration timeout) throws CliException {
    return new HmClient(node.healthMonitorUri(), node.tlsFingerprint(), timeout);
  }

  /** The answer's JSON object when it succeeded; otherwise the server's message and each problem. */
  private static JsonObject object(HmClient.Answer answer) throws CliException {
    if (!answer.ok()) {
      StringBuilder m = new StringBuilder(Ncs.message(answer));
      try {
        if (HmJson.object(answer.body()).get("problems") instanceof JsonArray problems && problems.size() > 1) {
          for (JsonValue p : problems) {
            m.append("\n  - ").append(((jakarta.json.JsonString) p).getString());
          }
        }
      } catch (JsonException | ClassCastException e) {
        // The message alone, then.
      }
      throw CliException.failure(m.toString());
    }
    try {
      return HmJson.object(answer.body());
    } catch (JsonException e) {
      throw CliException.failure("The Health Monitor's answer is not readable: " + e.getMessage());
    }
  }
}
