package org.ncsha.os;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Runs the operating system's tools (PostgreSQL's, iproute2, arping), as a given OS user when
 * there is one, with a time limit. Every run and its result go to the log; a failure throws with
 * the tool's exit code and stderr. Secrets travel only in files named by the environment
 * (PGPASSFILE), never on a command line.
 */
public final class ToolRunner {
  private static final Logger LOG = Logger.getLogger("org.ncsha.os");

  /** What a tool printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private final String osUser;
  private final java.util.function.BiFunction<String, Throwable, RuntimeException> failures;
  /** The capabilities this process may hand on (the virtual IP's), dropped for the tool. */
  private final boolean dropCapabilities;

  /** Failures are {@link ToolException}s. */
  public ToolRunner(String osUser) {
    this(osUser, ToolException::new);
  }

  /** Failures are what {@code failures} makes of a message and its cause (null when none): a caller's own kind. */
  public ToolRunner(String osUser, java.util.function.BiFunction<String, Throwable, RuntimeException> failures) {
    this(osUser, failures, false);
  }

  private ToolRunner(String osUser, java.util.function.BiFunction<String, Throwable, RuntimeException> failures,
      boolean dropCapabilities) {
    this.osUser = osUser;
    this.failures = failures;
    this.dropCapabilities = dropCapabilities;
  }

  /**
   * The same runner, but its tools do not inherit the ambient capabilities this server holds
   * for the virtual IP (CAP_NET_ADMIN, CAP_NET_RAW under systemd or the lab): PostgreSQL, which
   * the Health Monitor starts with pg_ctl, needs none and must not keep them for its lifetime.
   */
  public ToolRunner withoutCapabilities() {
    return new ToolRunner(osUser, failures, true);
  }

  /** Whether a /proc/PID/status text shows ambient capabilities, which a started tool would inherit. */
  static boolean holdsAmbientCapabilities(String procStatus) {
    return procStatus.lines().filter(l -> l.startsWith("CapAmb:"))
        .anyMatch(l -> !l.substring("CapAmb:".length()).strip().matches("0+"));
  }

  private static boolean thisProcessHoldsAmbientCapabilities() {
    try {
      return holdsAmbientCapabilities(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status")));
    } catch (IOException e) {
      return false;
    }
  }

  public Result run(List<String> command, Map<String, String> env, Duration timeout) {
    return run(command, env, timeout, null);
  }

  /** Runs the tool; {@code stderrLines} sees stderr as it comes, split at CR or LF (progress lines). */
  public Result run(List<String> command, Map<String, String> env, Duration timeout, Consumer<String> stderrLines) {
    List<String> full = new ArrayList<>();
    if (osUser != null) {
      // runuser's change of user from root already leaves the tool without capabilities.
      full.addAll(List.of("runuser", "-u", osUser, "--"));
    } else if (dropCapabilities && thisProcessHoldsAmbientCapabilities()) {
      full.addAll(List.of("setpriv", "--inh-caps=-all", "--ambient-caps=-all", "--"));
    }
    full.addAll(command);
    String tool = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
    LOG.info("Running " + String.join(" ", command) + (osUser == null ? "" : " as " + osUser));
    ProcessBuilder pb = new ProcessBuilder(full);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream(), null));
      CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream(), stderrLines));
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(p);
        throw failures.apply(tool + " did not finish within " + timeout.toSeconds() + " s and was stopped", null);
      }
      Result r = new Result(p.exitValue(), out.join(), err.join());
      LOG.info(tool + " exited with " + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
      return r;
    } catch (IOException e) {
      throw failures.apply("Cannot run " + tool + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failures.apply("Interrupted while running " + tool, e);
    }
  }

  /**
   * Kills the tool and everything it started: {@code runuser} keeps the tool as its child, and a
   * tool may start its own (pg_basebackup's WAL streamer), none of which must outlive a timeout.
   * The children go first, so none is left behind as an orphan of init.
   */
  static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  public Result runChecked(List<String> command, Map<String, String> env, Duration timeout) {
    Result r = run(command, env, timeout);
    if (r.exitCode() != 0) {
      throw failure(command, r);
    }
    return r;
  }

  /** The failure of a tool that ended with a non-zero exit code, naming it and the end of its stderr. */
  public RuntimeException failure(List<String> command, Result r) {
    String tool = command.get(0).substring(command.get(0).lastIndexOf('/') + 1);
    return failures.apply(tool + " failed with exit code " + r.exitCode() + ": " + lastErrorLines(r.stderr()), null);
  }

  /**
   * The end of a tool's stderr without its progress lines ("1234/5678 kB (21%), ..."): the
   * message says what failed, not how far a copy had got. The whole output is in the HM log.
   */
  public static String lastErrorLines(String stderr) {
    List<String> lines = java.util.Arrays.stream(stderr.split("[\\r\\n]+"))
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.matches("\\d+/\\d+ kB \\(.*"))
        .toList();
    return String.join(" ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
  }

  private static String drain(InputStream in, Consumer<String> lines) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try (in) {
      int b;
      while ((b = in.read()) != -1) {
        all.write(b);
        if (lines != null) {
          if (b == '\r' || b == '\n') {
            if (line.size() > 0) {
              lines.accept(line.toString(StandardCharsets.UTF_8));
              line.reset();
            }
          } else {
            line.write(b);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString(StandardCharsets.UTF_8);
  }
}
