package org.ncsha.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code pg_waldump --stats=record} printed of the WAL an old primary wrote after the fork point, to
 * tell whether a rewind would throw away anything but bookkeeping. An old primary that was only
 * stopped (or crashed idle) wrote a shutdown or end-of-recovery checkpoint and running-transaction
 * snapshots past the fork: keeping a full copy of its data directory for those, at every such
 * failover, fills a disk with copies that hold nothing. Anything else, or any doubt (no record
 * read, an error other than the usual end of WAL), keeps the copy.
 */
final class WalAfterFork {
  /** Checkpoints, hint-bit page images, running-transaction snapshots: no row is in them. */
  private static final Set<String> BOOKKEEPING = Set.of("XLOG", "Standby");
  /** A row of the table: "XLOG/CHECKPOINT_SHUTDOWN   1 (100.00) ...", one per kind of record. */
  private static final Pattern ROW = Pattern.compile("^(\\w+)/(\\S+)\\s+(\\d+)\\s+\\(", Pattern.MULTILINE);
  private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s", Pattern.MULTILINE);
  /** The zeroed space after the last record: where pg_waldump stops on every complete WAL. */
  private static final Pattern END_OF_WAL =
      Pattern.compile("error in WAL record at \\S+: invalid record length at \\S+: wanted \\d+, got 0\\s*$");

  private WalAfterFork() {}

  /**
   * The kinds of record written after the fork with their counts (e.g. "CHECKPOINT_SHUTDOWN x1,
   * RUNNING_XACTS x2") when they are bookkeeping only; empty when the copy must be kept.
   */
  static Optional<String> bookkeepingOnly(String stdout, String stderr) {
    String errors = stderr.strip();
    if (!errors.isEmpty() && (errors.lines().count() != 1 || !END_OF_WAL.matcher(errors).find())) {
      return Optional.empty();
    }
    Map<String, Integer> kinds = new LinkedHashMap<>();
    Matcher row = ROW.matcher(stdout);
    while (row.find()) {
      if (!BOOKKEEPING.contains(row.group(1))) {
        return Optional.empty();
      }
      kinds.merge(row.group(2), Integer.parseInt(row.group(3)), Integer::sum);
    }
    Matcher total = TOTAL.matcher(stdout);
    int counted = kinds.values().stream().mapToInt(Integer::intValue).sum();
    if (counted == 0 || !total.find() || Integer.parseInt(total.group(1)) != counted) {
      return Optional.empty(); // nothing read, or a table this does not understand
    }
    List<String> said = kinds.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList();
    return Optional.of(String.join(", ", said));
  }
}
