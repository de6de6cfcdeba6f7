package org.ncsha.db;

import java.nio.file.Path;

/**
 * How a database became a standby of the new primary. When it had written past the fork point,
 * {@code keptCopy} is where its pre-rewind data directory was kept, so nothing is destroyed.
 */
public record FollowResult(String forkPoint, Integer forkTimeline, Path keptCopy, boolean fullCopy) {
  public boolean diverged() {
    return keptCopy != null;
  }
}
