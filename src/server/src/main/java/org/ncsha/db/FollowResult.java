package org.ncsha.db;

import java.nio.file.Path;

/**
 * How a database became a standby of the new primary. When it had written past the fork point,
 * {@code keptCopy} is where its pre-rewind data directory was kept, so nothing is destroyed.
 * {@code fullCopyReason} is null after a rewind, and says why a full copy was needed otherwise.
 */
public record FollowResult(String forkPoint, Integer forkTimeline, Path keptCopy, String fullCopyReason) {
  public boolean diverged() {
    return keptCopy != null;
  }

  public boolean fullCopy() {
    return fullCopyReason != null;
  }

  public FollowResult because(String reason) {
    return new FollowResult(forkPoint, forkTimeline, keptCopy, reason);
  }
}
