package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncsha.witness.LocalEtcd;

/**
 * What the witness costs a failover (issue 11): the same whole-server-loss cycle as
 * {@link FailoverBenchmark} (5 s heartbeats, automatic failover), five runs without the witness
 * and five with a local etcd, written to docs/benchmarks.md. About 20 minutes.
 */
class WitnessBenchmark {
  private static final int RUNS = Integer.getInteger("bench.witnessRuns", 5);
  private static final String ETCD = "127.0.2.33";

  @Test
  void failover_with_and_without_the_witness() throws Exception {
    Map<String, List<FailoverBenchmark.Cycle>> results = new LinkedHashMap<>();
    for (boolean witness : List.of(false, true)) {
      Pair pair = new Pair("bench-witness-" + (witness ? "on" : "off"), "127.0.2.31", "127.0.2.32");
      pair.env("HEARTBEAT_MS", "5000");
      pair.env("LIBERTY_JVM_OPTIONS", "");
      pair.env("READINESS_INTERVAL_MIN", "0");
      pair.env("WITNESS_ENDPOINTS", witness ? "http://" + ETCD + ":2379" : "");
      pair.haPair(Duration.ofMinutes(2), "down");
      Files.deleteTree(pair.dir);
      Path etcdDir = pair.dir.resolveSibling("bench-witness-etcd");
      Files.deleteTree(etcdDir);
      LocalEtcd etcd = witness ? LocalEtcd.start(ETCD, etcdDir) : null;
      try {
        assertEquals(0, pair.haPair(Duration.ofMinutes(8), "up", "--failover", "automatic"));
        List<FailoverBenchmark.Cycle> cycles = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          cycles.add(FailoverBenchmark.cycle(pair, "server"));
          System.out.println("[bench] witness " + witness + ", run " + (i + 1) + ": " + cycles.get(i));
        }
        results.put(witness ? "with the etcd witness" : "without a witness", cycles);
      } finally {
        pair.haPair(Duration.ofMinutes(2), "down");
        if (etcd != null) {
          etcd.close();
        }
      }
    }
    write(results);
  }

  private static void write(Map<String, List<FailoverBenchmark.Cycle>> results) throws Exception {
    StringBuilder md = new StringBuilder();
    md.append("## Failover with the witness\n\n")
        .append("Written by `mvn -B verify -Pbenchmark -Dit.test=WitnessBenchmark` (it/src/test/java/org/ncsha/it/WitnessBenchmark.java) on ")
        .append(Instant.now()).append(", this project's 2-core machine, one pair on loopback addresses, automatic failover, ")
        .append("5 s heartbeats (3 misses; the lease TTL is then 15 s), whole-server loss (the primary's JVM and PostgreSQL ")
        .append("killed together). Same cycle as the failover table; median / worst in seconds from the SIGKILL.\n\n")
        .append("| pair | runs | detection | Secondary Active | first accepted write | failback | acknowledged writes lost |\n")
        .append("|---|---|---|---|---|---|---|\n");
    for (var e : results.entrySet()) {
      md.append("| ").append(e.getKey()).append(" | ").append(FailoverBenchmark.row(e.getValue()));
    }
    md.append("\nTarget (issue 11): the lease costs a failover no more than one heartbeat interval (5 s) at the median.\n");
    BenchmarkReport.writeSection("witness", md.toString());
    System.out.println(md);
  }
}
