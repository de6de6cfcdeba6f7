package org.ncsha.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.nio.file.Files;
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
      "                                    on the primary: the whole pair, one server at a time");
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
        if (rolling) {
          throw CliException.failure("ncs update install --rolling: the rolling update of a pair is not available yet;"
              + " install on each server as docs/operations.md (\"Software updates\") says.");
        }
        return install(w.get(1));
      }
      default -> throw CliException.usage(USAGE);
    }
  }

  private int upload(Path file) throws CliException {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage("FILE: " + file + " is not a file");
    }
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
