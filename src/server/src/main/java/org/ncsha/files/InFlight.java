package org.ncsha.files;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work that runs with up to {@code limit} pieces at a time, its results handed back in the
 * order it was started. A run's batches go this way two at a time: while the receiver flushes
 * and renames one, the next is already streaming, so neither server waits for the other
 * between batches. With a limit of one the work runs on the caller's thread, one piece after
 * the other, and no thread is made.
 */
final class InFlight<T> implements AutoCloseable {
  private final int limit;
  private final String threadName;
  private final Deque<Future<T>> running = new ArrayDeque<>();
  private ExecutorService executor;

  InFlight(int limit, String threadName) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be positive");
    }
    this.limit = limit;
    this.threadName = threadName;
  }

  /**
   * Starts {@code work}. When {@code limit} pieces are running already it first waits for the
   * oldest: the results that are in (none or one), or the failure of that piece.
   */
  List<T> start(Callable<T> work) throws Exception {
    if (limit == 1) {
      return List.of(work.call());
    }
    List<T> done = new ArrayList<>();
    if (running.size() == limit) {
      done.add(await(running.removeFirst()));
    }
    if (executor == null) {
      executor = Executors.newFixedThreadPool(limit, r -> {
        Thread t = new Thread(r, threadName);
        t.setDaemon(true);
        return t;
      });
    }
    running.addLast(executor.submit(work));
    return done;
  }

  /** Waits for every piece still running: their results in the order they started, or the first failure. */
  List<T> finish() throws Exception {
    List<T> done = new ArrayList<>();
    while (!running.isEmpty()) {
      done.add(await(running.removeFirst()));
    }
    return done;
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * After a failure, waits for what is still running (its outcome no longer matters), so that
   * nothing of a run outlives it: the next run must not send the same files beside it.
   */
  @Override
  public void close() {
    boolean interrupted = false;
    for (Future<T> f : running) {
      while (true) {
        try {
          f.get();
          break;
        } catch (ExecutionException e) {
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    running.clear();
    if (executor != null) {
      executor.shutdown();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
