package org.ncsha.monitor;

import org.ncsha.ha.Bytes;

/** The event every promotion records: where it promoted and what may be missing. */
final class PromotionRange {
  private PromotionRange() {}

  /**
   * @param promotedAt this database's WAL position when recovery ended (null if unknown)
   * @param peerReported the position the peer last reported in a heartbeat (null if never)
   * @param synchronous commits waited for this standby when the peer was last heard
   */
  static String describe(String promotedAt, String peerReported, boolean synchronous) {
    if (promotedAt == null || peerReported == null) {
      return "Promoted at " + (promotedAt == null ? "an unknown WAL position" : promotedAt)
          + "; the peer never reported its WAL position, so what may be missing is unknown";
    }
    long gap = LocalDatabase.walBytesBetween(promotedAt, peerReported);
    String missing = synchronous
        ? "0 bytes of acknowledged writes are missing (synchronous replication: every commit waited for this"
            + " server)" + (gap > 0 ? "; " + Bytes.describe(gap) + " of WAL the peer wrote were not received" : "")
        : "up to " + Bytes.describe(gap) + " of acknowledged writes may be missing";
    return "Promoted at " + promotedAt + "; the peer last reported " + peerReported + "; " + missing;
  }
}
