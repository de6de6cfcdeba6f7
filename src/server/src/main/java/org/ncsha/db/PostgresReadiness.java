package org.ncsha.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL counterparts of the guide's Oracle readiness checks (docs/readiness.md):
 * settings and access rules that parse (pg_file_settings, pg_hba_file_rules), the replication
 * rule for the other server, the other server's database port and replication login, shared
 * memory, the control file's cluster state, size and streaming.
 */
final class PostgresReadiness {
  private static final int CONNECT_TIMEOUT_MS = 3000;

  private final PostgresNode node;
  private final PostgresConfig config;

  PostgresReadiness(PostgresNode node, PostgresConfig config) {
    this.node = node;
    this.config = config;
  }

  DatabaseReadiness collect(String peerAddress) {
    String portError = portError(peerAddress);
    String login = replicationLogin(peerAddress);
    String clusterState = node.clusterState();
    Connection c;
    try {
      c = node.connectLocal();
    } catch (SQLException | RuntimeException e) {
      return new DatabaseReadiness(false, e.getMessage(), List.of(), false, portError, login, 0, clusterState, false, 0, null,
          null, null);
    }
    try (c; Statement s = c.createStatement()) {
      List<String> configErrors = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("select sourcefile, sourceline, error from pg_file_settings where error is not null")) {
        while (rs.next()) {
          configErrors.add(rs.getString(1) + " line " + rs.getInt(2) + ": " + rs.getString(3));
        }
      }
      // PostgreSQL 15's view has no file name column: every rule comes from pg_hba.conf.
      try (ResultSet rs = s.executeQuery("select line_number, error from pg_hba_file_rules where error is not null")) {
        while (rs.next()) {
          configErrors.add("pg_hba.conf line " + rs.getInt(1) + ": " + rs.getString(2));
        }
      }
      boolean allowed;
      try (PreparedStatement p = c.prepareStatement("select exists (select 1 from pg_hba_file_rules where error is null"
          + " and 'replication' = any(database) and ? = any(user_name) and address ~ '^[0-9a-fA-F:.]+$'"
          + " and (inet(?) & inet(netmask)) = (inet(address) & inet(netmask)))")) {
        p.setString(1, config.replicationUser());
        p.setString(2, peerAddress);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          allowed = rs.getBoolean(1);
        }
      }
      long sharedBuffers;
      long size;
      boolean inRecovery;
      try (ResultSet rs = s.executeQuery("select pg_size_bytes(current_setting('shared_buffers')),"
          + " (select sum(pg_database_size(datname))::bigint from pg_database), pg_is_in_recovery()")) {
        rs.next();
        sharedBuffers = rs.getLong(1);
        size = rs.getLong(2);
        inRecovery = rs.getBoolean(3);
      }
      ReplicationStatus r = inRecovery ? null : node.replicationStatus();
      return new DatabaseReadiness(true, null, configErrors, allowed, portError, login, sharedBuffers, clusterState, inRecovery,
          size, r == null ? null : r.streaming(), r == null ? null : r.lagBytes(), r == null ? null : r.replayLagSeconds());
    } catch (SQLException | RuntimeException e) {
      // It answers, but a readiness query failed: report it as a finding, not as a dead database.
      return new DatabaseReadiness(true, null, List.of("reading the settings failed: " + e.getMessage()), false, portError,
          login, 0, clusterState, false, 0, null, null, null);
    }
  }

  private String portError(String peerAddress) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(peerAddress, config.port()), CONNECT_TIMEOUT_MS);
      return null;
    } catch (IOException e) {
      return peerAddress + ":" + config.port() + ": " + e.getMessage();
    }
  }

  /** A physical replication connection, as a standby opens one, with the configured password. */
  private String replicationLogin(String peerAddress) {
    Properties replication = new PostgresFiles(config).peerTlsJdbc();
    replication.setProperty("replication", "true");
    replication.setProperty("assumeMinServerVersion", "9.4");
    replication.setProperty("preferQueryMode", "simple");
    String url = "jdbc:postgresql://" + peerAddress + ":" + config.port() + "/postgres";
    try (Connection c = PostgresNode.connectAs(url, config.replicationUser(), config.replicationPassword(), replication)) {
      return "ok";
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage());
      return message.contains("no pg_hba.conf entry") ? "not allowed yet" : message;
    }
  }
}
