package org.ncsha.monitor;

import org.ncsha.ha.Bytes;

/** The event every promotion records: where it promoted and what may be missing. */
final class PromotionRange {
  private PromotionRange() {}

  /**
   * @param promotedAt this database's WAL position when recovery ended (null if unknown)
   * @param peerReported the position the peer last reported in a heartbeat (null if never)
   * @param synchronousConfigured whether synchronous replication is configured: while it was in
   *     force commits waited for this server, but it degrades when the standby falls behind, and
   *     the heartbeat does not say whether it was in force at the end
   */
  static String describe(String promotedAt, String peerReported, boolean synchronousConfigured) {
    if (promotedAt == null || peerReported == null) {
      return "Promoted at " + (promotedAt == null ? "an unknown WAL position" : promotedAt)
          + "; the peer never reported its WAL position, so what may be missing is unknown";
    }
    long gap = LocalDatabase.walBytesBetween(promotedAt, peerReported);
    return "Promoted at " + promotedAt + "; the peer last reported " + peerReported + "; up to " + Bytes.describe(gap)
        + " of acknowledged writes may be missing"
        + (synchronousConfigured && gap > 0
            ? " (synchronous replication is configured: only writes made after it degraded to asynchronous)"
            : "");
  }
}
