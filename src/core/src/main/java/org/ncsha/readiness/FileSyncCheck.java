package org.ncsha.readiness;

/**
 * HA - FILE SYNC: the files a failover would leave behind. Judged on the server that sends
 * (the writable one); a run is due every 11 s, so one that finished longer ago than two of
 * those is behind.
 */
final class FileSyncCheck {
  /** Two near-real-time intervals: a sender whose last run is older has fallen behind. */
  static final long BEHIND_SECONDS = 22;

  private FileSyncCheck() {}

  static CheckResult fileSync(Facts f) {
    FileSyncFacts sender = null;
    String where = null;
    for (Facts.Labelled n : f.answered()) {
      FileSyncFacts fs = n.facts().fileSync();
      if (fs != null && fs.sending()) {
        sender = fs;
        where = n.label();
      }
    }
    if (sender == null) {
      return CheckResult.pass(Check.FILE_SYNC, null, "no server sends files now (none serves writes, or HA is not configured)");
    }
    String recommendation = "See the File Sync row of the Health Monitor page and its log on " + where
        + "; docs/file-sync.md.";
    if (sender.lastError() != null) {
      return CheckResult.warning(Check.FILE_SYNC, (double) sender.pendingFiles(),
          "file sync from " + where + " is failing: " + sender.lastError(), recommendation);
    }
    if (sender.pendingFiles() > 0) {
      return CheckResult.warning(Check.FILE_SYNC, (double) sender.pendingFiles(),
          sender.pendingFiles() + " file(s) on " + where + " not yet on the other server", recommendation);
    }
    Long ago = sender.lastRunSecondsAgo();
    if (ago == null || ago > BEHIND_SECONDS) {
      return CheckResult.warning(Check.FILE_SYNC, 0.0, ago == null ? "file sync from " + where + " has not finished a run yet"
          : "file sync from " + where + " last finished a run " + ago + " s ago (due every 11 s)", recommendation);
    }
    return CheckResult.pass(Check.FILE_SYNC, 0.0, "in sync: the last run from " + where + " finished " + ago + " s ago");
  }
}
