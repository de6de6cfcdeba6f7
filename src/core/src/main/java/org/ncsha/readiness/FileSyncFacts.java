package org.ncsha.readiness;

/**
 * File sync as one server sees it: whether it sends now (it serves writes), the files its last
 * run left to send or delete, the last run's failure (null when it succeeded) and how long ago
 * a run last finished (null before the first).
 */
public record FileSyncFacts(boolean sending, int pendingFiles, String lastError, Long lastRunSecondsAgo) {}
