package org.ncsha.update;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where a rolling update stands: the step, whether its action was started, and when each step
 * ended. Kept in a file on the primary, which restarts in the middle of its own update.
 *
 * @param acted whether the current step's action was started (it is started once)
 * @param message why it failed, with where it stopped and how to go on; or what it waits for
 */
public record RollingProgress(String patchId, String targetVersion, String fromVersion, Status status, RollingStep step,
    boolean acted, Instant startedAt, Instant stepStartedAt, Map<RollingStep, Instant> finished, String message) {

  public enum Status { RUNNING, COMPLETED, FAILED }

  public RollingProgress {
    finished = Map.copyOf(finished);
    message = message == null ? "" : message;
  }

  public static RollingProgress start(String patchId, String targetVersion, String fromVersion, Instant now) {
    return new RollingProgress(patchId, targetVersion, fromVersion, Status.RUNNING, RollingStep.SEND_BUNDLE, false, now, now,
        Map.of(), "");
  }

  public boolean running() {
    return status == Status.RUNNING;
  }

  public RollingProgress acting(String what) {
    return new RollingProgress(patchId, targetVersion, fromVersion, status, step, true, startedAt, stepStartedAt, finished, what);
  }

  /**
   * The step's action was not taken (refused, or the peer did not answer): it is started again
   * at a next tick, within the step's time limit, and the page says why meanwhile.
   */
  public RollingProgress retrying(String why) {
    return new RollingProgress(patchId, targetVersion, fromVersion, status, step, false, startedAt, stepStartedAt, finished,
        "Not taken yet, trying again: " + why);
  }

  public RollingProgress waiting(String what) {
    return new RollingProgress(patchId, targetVersion, fromVersion, status, step, acted, startedAt, stepStartedAt, finished, what);
  }

  /** The current step is done: on to the next, or completed after the last. */
  public RollingProgress stepDone(Instant now) {
    Map<RollingStep, Instant> done = new EnumMap<>(RollingStep.class);
    done.putAll(finished);
    done.put(step, now);
    RollingStep next = step.next();
    return next == null
        ? new RollingProgress(patchId, targetVersion, fromVersion, Status.COMPLETED, step, acted, startedAt, stepStartedAt, done,
            "Both servers run " + targetVersion + "; the primary is active again")
        : new RollingProgress(patchId, targetVersion, fromVersion, Status.RUNNING, next, false, startedAt, now, done, "");
  }

  public RollingProgress failed(String why) {
    return new RollingProgress(patchId, targetVersion, fromVersion, Status.FAILED, step, acted, startedAt, stepStartedAt, finished,
        why);
  }

  public String toText() {
    Properties p = new Properties();
    p.setProperty("patch.id", patchId);
    p.setProperty("target.version", targetVersion);
    p.setProperty("from.version", fromVersion);
    p.setProperty("status", status.name());
    p.setProperty("step", step.name());
    p.setProperty("acted", Boolean.toString(acted));
    p.setProperty("started.at", startedAt.toString());
    p.setProperty("step.started.at", stepStartedAt.toString());
    p.setProperty("message", message);
    finished.forEach((s, at) -> p.setProperty("finished." + s.name(), at.toString()));
    java.io.StringWriter text = new java.io.StringWriter();
    try {
      p.store(text, "ncs-ha rolling update");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  public static RollingProgress parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalArgumentException("rolling update record: " + e.getMessage(), e);
    }
    Map<RollingStep, Instant> finished = new EnumMap<>(RollingStep.class);
    for (RollingStep s : RollingStep.values()) {
      String at = p.getProperty("finished." + s.name());
      if (at != null) {
        finished.put(s, instant(p, "finished." + s.name()));
      }
    }
    return new RollingProgress(required(p, "patch.id"), required(p, "target.version"), required(p, "from.version"),
        Status.valueOf(required(p, "status")), RollingStep.valueOf(required(p, "step")),
        Boolean.parseBoolean(p.getProperty("acted")), instant(p, "started.at"), instant(p, "step.started.at"), finished,
        p.getProperty("message", ""));
  }

  private static Instant instant(Properties p, String key) {
    try {
      return Instant.parse(required(p, key));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("rolling update record: " + key + " is not a time: " + p.getProperty(key), e);
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("rolling update record: " + key + " is missing");
    }
    return value;
  }

}
