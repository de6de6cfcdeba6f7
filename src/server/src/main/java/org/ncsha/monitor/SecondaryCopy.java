package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import org.ncsha.peer.CloneProgress;

/** Progress of the database copy this node is receiving, reported to the primary on request. */
@ApplicationScoped
public class SecondaryCopy {
  private volatile CloneProgress progress = new CloneProgress();

  public void reset() {
    progress = new CloneProgress();
  }

  public CloneProgress progress() {
    return progress;
  }

  void running(long done, long total) {
    progress = new CloneProgress("running", done, total, null);
  }

  void finished(boolean success, String detail) {
    CloneProgress last = progress;
    progress = new CloneProgress(success ? "done" : "failed", last.doneBytes, last.totalBytes, detail);
  }
}
