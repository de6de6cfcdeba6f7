package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Database synchronization figures with real processes, written to docs/benchmarks.md (run with
 * {@code mvn -B verify -Pbenchmark}): the registration copy of a database of more than 2 GB
 * (pgbench scale 140) next to a plain pg_basebackup of the same database on the same machine,
 * and the replication lag under a pgbench write load bounded to 60 s.
 */
class DatabaseBenchmark {
  private static final String PG_BIN = "/usr/lib/postgresql/15/bin/";
  private static final int SCALE = Integer.getInteger("bench.pgbenchScale", 140);
  private static final int LOAD_SECONDS = Integer.getInteger("bench.loadSeconds", 60);

  @Test
  void registration_copy_throughput_and_replication_lag() throws Exception {
    Pair pair = new Pair("bench-db", "127.0.2.41", "127.0.2.42");
    // Measured as a production node runs: with the JVM's own compilers.
    pair.env("LIBERTY_JVM_OPTIONS", "");
    pair.haPair(Duration.ofMinutes(2), "down");
    org.ncsha.it.Files.deleteTree(pair.dir);
    assertEquals(0, pair.haPair(Duration.ofMinutes(8), "up"));
    String admin = pair.get("ADMIN_USER");
    String password = pair.get("ADMIN_PASSWORD");
    Path plainCopy = pair.dir.resolve("plain-basebackup");
    try {
      assertEquals(202, pair.delete("primary", 9443, "/api/admin/ha/registration", admin, password).statusCode());
      Pair.await("HA removed", Duration.ofSeconds(120), () -> "HA Not Configured".equals(pair.state("primary"))
          && "HA Not Configured".equals(pair.state("secondary")));

      Instant loadStart = Instant.now();
      run(Duration.ofMinutes(30), pgbenchEnv(pair), PG_BIN + "pgbench", "-i", "-s", Integer.toString(SCALE), "-q",
          "-h", pair.primary, "-U", "ncs", "ncs");
      System.out.println("[bench] pgbench -i -s " + SCALE + " took " + Duration.between(loadStart, Instant.now()).toSeconds() + " s");
      long clusterBytes = clusterSize(pair);
      assertTrue(clusterBytes > 2L * 1024 * 1024 * 1024, "the database is larger than 2 GB: " + clusterBytes);

      // The plain tool, before the registration copy and again after it, so that neither side
      // alone profits from a warm page cache.
      double plainBefore = plainCopySeconds(pair, plainCopy);

      // The same copy as the registration's Database Replication milestone, like the plain
      // copies on a disk with no write-back pending.
      run(Duration.ofMinutes(5), null, "sync");
      String body = "{\"secondaryServer\":\"" + pair.secondary + "\",\"authenticationKey\":\"" + pair.get("AUTH_KEY")
          + "\",\"failoverType\":\"manual\"}";
      assertEquals(202, pair.post("primary", 9443, "/api/admin/ha/registration", admin, password, body).statusCode());
      Instant copyStart = null;
      Instant copyEnd = null;
      Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
      while (copyEnd == null && Instant.now().isBefore(deadline)) {
        String summary = Pair.field(pair.get("primary", 9443, "/api/admin/ha/registration", admin, password).body(), "summary");
        if (copyStart == null && summary != null && summary.startsWith("Database Replication")) {
          copyStart = Instant.now();
        }
        if (copyStart != null && summary != null && !summary.startsWith("Database Replication")) {
          copyEnd = Instant.now();
        }
        Thread.sleep(100);
      }
      assertTrue(copyStart != null && copyEnd != null, "the Database Replication milestone was seen start and end");
      double registrationSeconds = Duration.between(copyStart, copyEnd).toMillis() / 1000.0;
      Pair.await("registered", Duration.ofMinutes(5), () -> "Primary Active".equals(pair.state("primary"))
          && "Secondary Syncing".equals(pair.state("secondary")));

      double plainAfter = plainCopySeconds(pair, plainCopy);
      double plainSeconds = Math.min(plainBefore, plainAfter);

      List<Double> lagSeconds = new ArrayList<>();
      List<Long> lagBytes = new ArrayList<>();
      String tps = replicationLagUnderLoad(pair, lagSeconds, lagBytes);

      double mb = clusterBytes / 1024.0 / 1024.0;
      StringBuilder md = new StringBuilder();
      md.append("## Database synchronization\n\n")
          .append("Written by `mvn -B verify -Pbenchmark` (it/src/test/java/org/ncsha/it/DatabaseBenchmark.java) on ")
          .append(Instant.now()).append(", one pair on loopback addresses of this 2-core machine, PostgreSQL 15.\n\n")
          .append(String.format(Locale.ROOT, "Database: pgbench scale %d, cluster size %.0f MB.%n%n", SCALE, mb))
          .append("| copy | seconds | MB/s |\n|---|---|---|\n")
          .append(String.format(Locale.ROOT, "| plain `pg_basebackup -X stream --checkpoint=fast`, before | %.1f | %.1f |%n", plainBefore, mb / plainBefore))
          .append(String.format(Locale.ROOT, "| registration (Database Replication milestone) | %.1f | %.1f |%n", registrationSeconds, mb / registrationSeconds))
          .append(String.format(Locale.ROOT, "| plain `pg_basebackup -X stream --checkpoint=fast`, after | %.1f | %.1f |%n", plainAfter, mb / plainAfter))
          .append(String.format(Locale.ROOT, "%nThe registration copy ran at %.0f %% of the faster plain copy's throughput (target: at least 90 %%)."
              + " It runs the same tool with the same flags, plus its replication slot (`-S`) and progress (`-P`); each copy starts after `sync`.%n%n",
              100.0 * plainSeconds / registrationSeconds))
          .append(String.format(Locale.ROOT, "Replication lag under `pgbench -c 4 -j 2 -T %d` against the primary (%s), asynchronous, sampled every 100 ms "
              + "from pg_stat_replication on the primary (%d samples):%n%n", LOAD_SECONDS, tps, lagSeconds.size()))
          .append("| | median | p99 | max |\n|---|---|---|---|\n")
          .append(String.format(Locale.ROOT, "| replay lag (s) | %.3f | %.3f | %.3f |%n", percentile(lagSeconds, 50), percentile(lagSeconds, 99), percentile(lagSeconds, 100)))
          .append(String.format(Locale.ROOT, "| replay lag (bytes) | %.0f | %.0f | %.0f |%n",
              percentile(lagBytes.stream().map(Long::doubleValue).toList(), 50),
              percentile(lagBytes.stream().map(Long::doubleValue).toList(), 99),
              percentile(lagBytes.stream().map(Long::doubleValue).toList(), 100)))
          .append("\nTarget (issue 4): p99 lag under 1 s, asynchronous. For scale, the guide's reference: 125 GB "
              + "(10 GB backup) copied in about an hour at 977 Mbps.\n");
      BenchmarkReport.writeSection("database", md.toString());
      System.out.println(md);
    } finally {
      pair.haPair(Duration.ofMinutes(2), "down");
      org.ncsha.it.Files.deleteTree(plainCopy);
    }
  }

  /** A plain pg_basebackup of the primary as the postgres user, into a directory removed after. */
  private static double plainCopySeconds(Pair pair, Path target) throws Exception {
    org.ncsha.it.Files.deleteTree(target);
    run(Duration.ofMinutes(1), null, "install", "-d", "-o", "postgres", "-m", "700", target.toString());
    // The secondary wrote it when it copied the primary: the key-derived replication password.
    Path passfile = pair.dir.resolve("secondary/pgconf/pgpass");
    // Each copy starts with no write-back pending from what ran before it.
    run(Duration.ofMinutes(5), null, "sync");
    Instant start = Instant.now();
    run(Duration.ofMinutes(30), null, "runuser", "-u", "postgres", "--", "env", "PGPASSFILE=" + passfile,
        PG_BIN + "pg_basebackup", "-h", pair.primary, "-p", "5432", "-U", "replicator", "-D",
        target.resolve("data").toString(), "-X", "stream", "--checkpoint=fast");
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    org.ncsha.it.Files.deleteTree(target);
    return seconds;
  }

  private static String[] pgbenchEnv(Pair pair) throws Exception {
    return new String[] {"PGPASSWORD", pair.secret("db.password")};
  }

  private static long clusterSize(Pair pair) throws Exception {
    try (Connection c = pair.database("primary"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select sum(pg_database_size(datname))::bigint from pg_database")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Runs pgbench for LOAD_SECONDS and samples the standby's replay lag meanwhile; returns pgbench's tps line. */
  private static String replicationLagUnderLoad(Pair pair, List<Double> seconds, List<Long> bytes) throws Exception {
    String[] env = pgbenchEnv(pair);
    ProcessBuilder pb = new ProcessBuilder(PG_BIN + "pgbench", "-c", "4", "-j", "2", "-T", Integer.toString(LOAD_SECONDS),
        "-h", pair.primary, "-U", "ncs", "ncs").redirectErrorStream(true);
    pb.environment().put(env[0], env[1]);
    Process load = pb.start();
    try (Connection c = pair.database("primary"); Statement s = c.createStatement()) {
      while (load.isAlive()) {
        try (ResultSet rs = s.executeQuery("select coalesce(extract(epoch from replay_lag), 0)::float8,"
            + " pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint from pg_stat_replication limit 1")) {
          if (rs.next()) {
            seconds.add(rs.getDouble(1));
            bytes.add(rs.getLong(2));
          }
        }
        Thread.sleep(100);
      }
    }
    String output = new String(load.getInputStream().readAllBytes());
    assertTrue(load.waitFor(30, TimeUnit.SECONDS) && load.exitValue() == 0, "pgbench: " + output);
    return output.lines().filter(l -> l.startsWith("tps")).findFirst().orElse("tps unknown").strip();
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void run(Duration timeout, String[] env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (env != null) {
      pb.environment().put(env[0], env[1]);
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + output);
  }
}
