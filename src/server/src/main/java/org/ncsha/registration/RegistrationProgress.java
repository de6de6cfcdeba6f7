package org.ncsha.registration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The milestone progress bar of a registration, as the guide shows it: Pre-HA Registration,
 * Database Replication (real copy progress) and Post HA Registration, each to 100 %.
 */
@ApplicationScoped
public class RegistrationProgress {
  public static final List<String> MILESTONES =
      List.of("Pre-HA Registration", "Database Replication", "Post HA Registration");

  private final Map<String, Integer> percent = new LinkedHashMap<>();
  private String status = "idle";
  private String summary = "No registration has run since this server started";

  public RegistrationProgress() {
    MILESTONES.forEach(m -> percent.put(m, 0));
  }

  public synchronized void start(String secondary) {
    MILESTONES.forEach(m -> percent.put(m, 0));
    status = "running";
    summary = "Registering secondary " + secondary;
  }

  public synchronized void milestone(String name, int value, String text) {
    percent.put(name, Math.max(0, Math.min(100, value)));
    summary = name + " " + percent.get(name) + "%" + (text == null ? "" : ": " + text);
  }

  public synchronized void succeeded(String text) {
    MILESTONES.forEach(m -> percent.put(m, 100));
    status = "succeeded";
    summary = text;
  }

  public synchronized void failed(String text) {
    status = "failed";
    summary = "Registration failed: " + text;
  }

  public synchronized boolean running() {
    return "running".equals(status);
  }

  /** A copy for REST and pages: status, summary and one entry per milestone. */
  public synchronized Map<String, Object> snapshot() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("summary", summary);
    body.put("milestones", MILESTONES.stream().map(m -> Map.of("name", m, "percent", percent.get(m))).toList());
    return body;
  }
}
