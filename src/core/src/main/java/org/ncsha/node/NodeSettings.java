package org.ncsha.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * Everything a node knows about itself before HA is configured: its name, address, ports,
 * directories and timing settings, read from {@code <nodeDir>/etc/node.properties}.
 * The file is written by liberty/bin/ha-pair and liberty/bin/ncs-setup; this class is the
 * one place that turns it into typed values with defaults.
 */
public record NodeSettings(
    String name,
    String address,
    Path nodeDir,
    boolean installedAsSecondary,
    int adminPort,
    int hmPort,
    int bandwidthPort,
    int dbPort,
    Path pgBinDir,
    Duration heartbeatInterval,
    int heartbeatMissLimit,
    Duration failoverHoldDown,
    Duration peerTimeout,
    DiskThresholds diskThresholds,
    boolean synchronousReplication,
    Duration failbackCatchUpTimeout,
    Duration retentionPeriod,
    int slotWalLimitMb,
    int maxLagOnFailoverMb,
    int databaseFailureCount,
    Duration readinessInterval,
    org.ncsha.readiness.Thresholds readinessThresholds,
    MailServer mailServer,
    java.util.List<String> witnessEndpoints,
    long fileSyncMaxBytes,
    Duration failbackDelay,
    NodeKind kind,
    org.ncsha.mse.ApplianceType applianceType,
    boolean singleSignOn) {

  /** JVM system property that points a Liberty server at its node directory. */
  public static final String NODE_DIR_PROPERTY = "ncs.node.dir";

  public static NodeSettings fromSystemProperty() {
    String dir = System.getProperty(NODE_DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      throw new IllegalStateException(
          "System property " + NODE_DIR_PROPERTY + " is not set: start the node with liberty/bin/ha-pair");
    }
    return load(Path.of(dir));
  }

  public static NodeSettings load(Path nodeDir) {
    Properties p = new Properties();
    Path file = nodeDir.resolve("etc/node.properties");
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return new NodeSettings(
        p.getProperty("node.name", "node"),
        p.getProperty("node.address", "127.0.0.1"),
        nodeDir,
        "yes".equalsIgnoreCase(p.getProperty("ha.secondary", "no")),
        intValue(p, "admin.port", 9443),
        intValue(p, "hm.port", 8082),
        intValue(p, "bandwidth.port", 8085),
        intValue(p, "db.port", 5432),
        Path.of(p.getProperty("pg.bin.dir", "/usr/lib/postgresql/15/bin")),
        Duration.ofMillis(intValue(p, "heartbeat.interval.ms", 5000)),
        intValue(p, "heartbeat.miss.limit", 3),
        Duration.ofSeconds(intValue(p, "failover.holddown.seconds", 0)),
        Duration.ofMillis(intValue(p, "peer.timeout.ms", 3000)),
        new DiskThresholds(intValue(p, "disk.low.percent", 10), intValue(p, "disk.low.mb", 2048)),
        "yes".equalsIgnoreCase(p.getProperty("replication.synchronous", "no")),
        Duration.ofSeconds(intValue(p, "failback.catchup.seconds", 120)),
        RetentionPeriod.of(p.getProperty("size.profile"), p.getProperty("retention.hours")),
        atLeast(p, "replication.slot.wal.limit.mb", 2048, 32),
        atLeast(p, "failover.max.lag.mb", 16, 0),
        atLeast(p, "database.failure.count", 2, 1),
        Duration.ofMinutes(intValue(p, "readiness.interval.minutes", 10)),
        org.ncsha.readiness.Thresholds.defaults().withBandwidthMinMbps(
            org.ncsha.readiness.BandwidthUnits.toMbps("node.properties: readiness.bandwidth.minimum",
                p.getProperty("readiness.bandwidth.minimum", "100 Mbps"))),
        new MailServer(blankToNull(p.getProperty("mail.smtp.host")), intValue(p, "mail.smtp.port", 25),
            p.getProperty("mail.from", "ncs-ha@localhost").trim()),
        witnessEndpoints(p.getProperty("witness.etcd.endpoints", "")),
        longAtLeast(p, "filesync.max.file.bytes", 1L << 30, 1),
        Duration.ofSeconds(atLeast(p, "failback.delay.seconds", (int) org.ncsha.ha.HaConfig.DEFAULT_FAILBACK_DELAY.toSeconds(), 0)),
        NodeKind.fromWireName("node.properties: node.kind", p.getProperty("node.kind", "server")),
        org.ncsha.mse.ApplianceType.fromDisplayName("node.properties: mse.appliance.type",
            p.getProperty("mse.appliance.type", org.ncsha.mse.ApplianceType.VA_2.displayName())),
        "yes".equalsIgnoreCase(p.getProperty("single.sign.on", "no")));
  }

  /** witness.etcd.endpoints: comma-separated http://host:port URLs of etcd; empty for no witness. */
  static java.util.List<String> witnessEndpoints(String value) {
    java.util.List<String> endpoints = new java.util.ArrayList<>();
    for (String part : value.split(",")) {
      String e = part.trim();
      if (e.isEmpty()) {
        continue;
      }
      if (!e.matches("https?://[^/\\s]+(:\\d+)?/?")) {
        throw new IllegalArgumentException("node.properties: witness.etcd.endpoints must be comma-separated"
            + " http://host:port URLs, was '" + e + "'");
      }
      endpoints.add(e);
    }
    return java.util.List.copyOf(endpoints);
  }

  public boolean isMse() {
    return kind == NodeKind.MSE;
  }

  public boolean witnessConfigured() {
    return !witnessEndpoints.isEmpty();
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static int atLeast(Properties p, String key, int fallback, int minimum) {
    int n = intValue(p, key, fallback);
    if (n < minimum) {
      throw new IllegalArgumentException(
          "node.properties: " + key + " must be a whole number of at least " + minimum + ", was '" + p.getProperty(key) + "'");
    }
    return n;
  }

  private static long longAtLeast(Properties p, String key, long fallback, long minimum) {
    String v = p.getProperty(key);
    long n;
    try {
      n = v == null || v.isBlank() ? fallback : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      n = minimum - 1;
    }
    if (n < minimum) {
      throw new IllegalArgumentException(
          "node.properties: " + key + " must be a whole number of at least " + minimum + ", was '" + v + "'");
    }
    return n;
  }

  private static int intValue(Properties p, String key, int fallback) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "node.properties: " + key + " must be a whole number of at least 0, was '" + v + "'");
    }
  }

  public Path etcDir() {
    return nodeDir.resolve("etc");
  }

  public Path pgDataDir() {
    return nodeDir.resolve("pgdata");
  }

  public Path pgRunDir() {
    return nodeDir.resolve("pgrun");
  }

  /**
   * PostgreSQL's own log (written by the postgres user, rotated by PostgreSQL); apart from
   * {@link #logDir()}, which the database user must not be able to write.
   */
  public Path pgLogDir() {
    return nodeDir.resolve("pglog");
  }

  public Path logDir() {
    return nodeDir.resolve("log");
  }

  /** Where the server writes the scripts of its own that it runs (the virtual IP's probes), under fixed names. */
  public Path scriptsDir() {
    return nodeDir.resolve("scripts");
  }
}
