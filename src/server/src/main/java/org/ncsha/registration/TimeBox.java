package org.ncsha.registration;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Gives one part of a readiness run a time budget: the part runs on a thread of its own and
 * the run stops waiting when the budget is spent, so a hanging disk, database or peer makes
 * its checks fail with "timed out" instead of hanging the run.
 */
final class TimeBox {
  private TimeBox() {}

  /** The task's result, or {@code onFailure} applied to the reason (a timeout says "timed out after N s"). */
  static <T> T call(String what, Duration budget, Callable<T> task, Function<String, T> onFailure) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread worker = new Thread(() -> {
      try {
        result.complete(task.call());
      } catch (Exception | Error e) {
        result.completeExceptionally(e);
      }
    }, "readiness-" + what);
    worker.setDaemon(true);
    worker.start();
    try {
      return result.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return onFailure.apply(what + " timed out after " + String.format(java.util.Locale.ROOT, "%.1f", budget.toMillis() / 1000.0)
          + " s");
    } catch (ExecutionException e) {
      return onFailure.apply(String.valueOf(e.getCause().getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return onFailure.apply(what + " was interrupted");
    }
  }
}
