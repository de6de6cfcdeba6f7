package org.ncsha.monitor;

import java.util.concurrent.CompletableFuture;
import org.ncsha.ha.Command;
import org.ncsha.ha.Decision;

/** An administrator's or the peer's command waiting for the loop, with the loop's verdict to come. */
record PendingCommand(Command command, CompletableFuture<Decision> verdict) {
  PendingCommand(Command command) {
    this(command, new CompletableFuture<>());
  }
}
