package org.ncsha.peer;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Between the Health Monitor's loop and file sync (which sits above it): the backlog for the
 * metrics, and for a failback: the loop asks for a complete run (every
 * class) when a failback stops this server's writes, and learns here whether one that started
 * after that request has finished with nothing left to send or delete, so that the peer has
 * every file this server had (Secondary Failback waits for it before handing over).
 */
@ApplicationScoped
public class FileSyncLedger {
  /** The request, a CDI event the action runner fires and file sync observes (the run itself starts on a timer's thread). */
  public record CompleteRunRequested(String why) {}

  private volatile int pendingFiles;
  private volatile String lastError;
  private volatile Instant requestedAt;
  private volatile Instant completeRunStarted;

  /** A complete run was asked for at {@code at}: only one that starts then or later counts. */
  public void requested(Instant at) {
    requestedAt = at;
  }

  /** File sync: a complete run that started at {@code started} left nothing to send or delete. */
  public void completeRun(Instant started) {
    completeRunStarted = started;
  }

  /** File sync: how its last run ended (files left to send or delete; its failure, null when it succeeded). */
  public void runEnded(int pending, String error) {
    pendingFiles = pending;
    lastError = error;
  }

  /** The backlog (status, page, readiness, metrics): files the last run left to send or delete. */
  public int pendingFiles() {
    return pendingFiles;
  }

  public String lastError() {
    return lastError;
  }

  public boolean failing() {
    return lastError != null;
  }

  /** Whether a complete run has started since the last request and finished. */
  public boolean caughtUp() {
    Instant requested = requestedAt;
    Instant started = completeRunStarted;
    return requested != null && started != null && !started.isBefore(requested);
  }
}
