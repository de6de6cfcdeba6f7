package org.ncsha.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The active server this database is about to follow, as its superuser sees it: whether it
 * still has what a rewound standby needs, and the replication slot the standby streams from.
 */
final class NewPrimary implements AutoCloseable {
  private final Connection connection;

  NewPrimary(Connection connection) {
    this.connection = connection;
  }

  /** pg_rewind reads the source's timeline from its control file: make it current first. */
  void checkpoint() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  /** The slot's wal_status (reserved, extended, unreserved, lost), or null when there is no such slot. */
  String slotWalStatus(String slot) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select wal_status from pg_replication_slots where slot_name = '"
            + PostgresNode.sqlLiteral(slot) + "'")) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** An invalidated slot cannot stream, not even for pg_basebackup: replace it; create a missing one. */
  void renewSlot(String slot) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '"
          + PostgresNode.sqlLiteral(slot) + "' and wal_status = 'lost' and not active");
      s.execute(PostgresNode.createSlotSql(slot));
    }
  }

  /**
   * Whether the server still holds the WAL segment that contains {@code lsn}. It removes the
   * oldest segments first, so holding that one or an older one means it has all WAL since.
   */
  boolean hasWalFrom(String lsn) throws SQLException {
    try (Statement s = connection.createStatement()) {
      long segmentSize;
      try (ResultSet rs = s.executeQuery("select setting::bigint from pg_settings where name = 'wal_segment_size'")) {
        rs.next();
        segmentSize = rs.getLong(1);
      }
      long needed = segmentOf(lsn, segmentSize);
      try (ResultSet rs = s.executeQuery("select name from pg_ls_waldir()")) {
        while (rs.next()) {
          String name = rs.getString(1);
          if (isSegmentFile(name) && segmentOfFile(name, segmentSize) <= needed) {
            return true;
          }
        }
      }
      return false;
    }
  }

  /** The segment number of a WAL position written as PostgreSQL prints it ("16/B374D848"). */
  static long segmentOf(String lsn, long segmentSize) {
    int slash = lsn.indexOf('/');
    long position = (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    return position / segmentSize;
  }

  static boolean isSegmentFile(String name) {
    return name.length() == 24 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /** The segment number in a WAL file name: timeline, then the high and low parts of the segment number. */
  static long segmentOfFile(String name, long segmentSize) {
    long segmentsPerId = 0x1_0000_0000L / segmentSize;
    return Long.parseLong(name.substring(8, 16), 16) * segmentsPerId + Long.parseLong(name.substring(16, 24), 16);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
