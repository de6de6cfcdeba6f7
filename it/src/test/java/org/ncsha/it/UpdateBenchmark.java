package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The write outage a client sees during each of the guide's patching procedures (issue 18),
 * written to docs/benchmarks.md; run with {@code mvn -B verify -Pbenchmark
 * -Dit.test=UpdateBenchmark}. One loopback pair with the guide's 5 s heartbeats; a client writes
 * numbered devices 10 times a second to whichever server takes them. The figure of a step is the
 * longest time without an acknowledged write from its start until the pair is steady again.
 */
class UpdateBenchmark {
  @RegisterExtension
  static final PairExtension PAIRS = PairExtension.loopback("bench-update", "127.0.2.95", "127.0.2.96");

  record Step(String procedure, String step, Duration outage) {}

  @Test
  void the_write_outage_of_each_patching_procedure() throws Exception {
    Pair pair = PAIRS.pair();
    String admin = pair.get("ADMIN_USER");
    String password = pair.get("ADMIN_PASSWORD");
    String key = pair.get("AUTH_KEY");
    Path next = UpdateBundles.next("0.1.1", "V14__device_site.sql", "alter table managed_device add column site varchar(64);\n");
    Path after = UpdateBundles.derived(next, "0.1.2", "V15__device_rack.sql", "alter table managed_device add column rack varchar(64);\n");
    List<Step> steps = new ArrayList<>();
    int lost;
    Duration rollingTotal;
    Duration rollingTook;
    try (DeviceWriter writer = new DeviceWriter(pair, admin, password, "bench")) {
      Pair.await("writes acknowledged", Duration.ofSeconds(30), () -> writer.acknowledged.size() >= 5);
      // Paired with manual failover: the secondary from its Health Monitor, then the primary.
      steps.add(new Step("manual failover", "install on the secondary (it restarts)",
          install(pair, writer, "secondary", 8082, "root", key, next, "0.1.1", "Primary Active", "Secondary Syncing")));
      steps.add(new Step("manual failover", "install on the primary (it restarts; the secondary waits)",
          install(pair, writer, "primary", 9443, admin, password, next, "0.1.1", "Primary Active", "Secondary Syncing")));
      // Paired with automatic failover: the primary's restart fails over; failback; then the secondary.
      assertEquals(200, pair.put("primary", 9443, "/api/admin/ha/settings", admin, password,
          "{\"failoverType\":\"automatic\"}").statusCode());
      Pair.await("Automatic on the secondary", Duration.ofSeconds(10), () -> "automatic".equals(Json.field(
          pair.get("secondary", 8082, "/api/status", null, null).body(), "failoverType")));
      steps.add(new Step("automatic failover", "install on the primary (the secondary takes over)",
          install(pair, writer, "primary", 9443, admin, password, after, "0.1.2", null, "Secondary Active")));
      Pair.await("the secondary sees Primary Syncing", Duration.ofMinutes(5), () -> "Primary Syncing".equals(
          Json.field(pair.get("secondary", 8082, "/api/status", null, null).body(), "peerState")));
      Instant failback = Instant.now();
      assertEquals(202, pair.post("secondary", 8082, "/api/actions/failback", "root", key, "{}").statusCode());
      steady(pair, writer, failback, "Primary Active", "Secondary Syncing");
      steps.add(new Step("automatic failover", "failback from the secondary's Health Monitor",
          writer.longestGapAfter(failback)));
      steps.add(new Step("automatic failover", "install on the secondary (it restarts)",
          install(pair, writer, "secondary", 8082, "root", key, after, "0.1.2", "Primary Active", "Secondary Syncing")));
      // The rolling update, one click on the primary: two switchovers are its outage.
      Path rolled = UpdateBundles.derived(next, "0.1.3", "V15__device_rack.sql", "alter table managed_device add column rack varchar(64);\n",
          "V16__device_floor.sql", "alter table managed_device add column floor varchar(16);\n");
      HttpResponse<String> up = pair.postFile("primary", 9443, "/api/admin/software/uploads", admin, password, rolled);
      assertEquals(201, up.statusCode(), up.body());
      Instant rollingStart = Instant.now();
      HttpResponse<String> rolling = pair.post("primary", 9443, "/api/admin/software/rolling", admin, password,
          "{\"patchId\":\"ncs-ha-0.1.3\"}");
      assertEquals(202, rolling.statusCode(), rolling.body());
      Pair.await("the rolling update completed", Duration.ofMinutes(20), 
          () -> pair.rollingCompleted(key));
      steady(pair, writer, rollingStart, "Primary Active", "Secondary Syncing");
      Instant rollingEnd = Instant.now();
      rollingTotal = writer.outageBetween(rollingStart, rollingEnd, Duration.ofSeconds(1));
      rollingTook = Duration.between(rollingStart, rollingEnd);
      steps.add(new Step("rolling update", "the longest of its two switchovers", writer.longestGapBetween(rollingStart, rollingEnd)));
      writer.close();
      lost = writer.lostFrom(pair.deviceNames("primary")).size();
    }
    StringBuilder md = new StringBuilder("## Software update\n\n")
        .append("Written by `mvn -B verify -Pbenchmark -Dit.test=UpdateBenchmark` (it/src/test/java/org/ncsha/it/")
        .append("UpdateBenchmark.java) on ").append(Instant.now()).append(", this project's 2-core machine, one pair on ")
        .append("loopback addresses with 5 s heartbeats (failure after 3 misses). A client writes 10 devices a second to ")
        .append("whichever server takes them; each figure is the longest time without an acknowledged write from the ")
        .append("step's start until the pair is steady again (docs/operations.md, \"Software updates\").\n\n")
        .append("| procedure | step | write outage |\n|---|---|---|\n");
    for (Step s : steps) {
      md.append("| ").append(s.procedure()).append(" | ").append(s.step()).append(" | ")
          .append(String.format("%.1f s", s.outage().toMillis() / 1000.0)).append(" |\n");
    }
    md.append(String.format("| rolling update | total: every gap over 1 s, from the click until the pair is steady | %.1f s |%n",
        rollingTotal.toMillis() / 1000.0));
    md.append("\nThe rolling update took ").append(rollingTook.toSeconds()).append(" s from the click to Primary Active and ")
        .append("Secondary Syncing on the new version (target for its total write outage: under 10 s). Acknowledged writes ")
        .append("lost over all procedures: ").append(lost).append(". The guide's figures: 15 to 20 minutes for a primary's ")
        .append("restart, 10 to 15 minutes of failover and failback.\n");
    BenchmarkReport.writeSection("software-update", md.toString());
    System.out.println(md);
    assertEquals(0, lost, "acknowledged writes lost");
  }

  /** Uploads and installs {@code bundle} on {@code node}; returns the step's write outage. */
  private static Duration install(Pair pair, DeviceWriter writer, String node, int port, String user, String password,
      Path bundle, String version, String primaryState, String secondaryState) throws Exception {
    String base = port == 8082 ? "/api/software" : "/api/admin/software";
    HttpResponse<String> up = pair.postFile(node, port, base + "/uploads", user, password, bundle);
    assertEquals(201, up.statusCode(), up.body());
    Instant start = Instant.now();
    HttpResponse<String> install = pair.post(node, port, base + "/install", user, password,
        "{\"patchId\":\"" + Json.field(up.body(), "patchId") + "\"}");
    assertEquals(202, install.statusCode(), install.body());
    Pair.await(node + " on " + version, Duration.ofMinutes(5), () -> version.equals(pair.version(node)));
    steady(pair, writer, start, primaryState, secondaryState);
    return writer.longestGapAfter(start);
  }

  /** Waits for the states (null: any) and for a write acknowledged after that. */
  private static void steady(Pair pair, DeviceWriter writer, Instant since, String primaryState, String secondaryState) {
    Pair.await("the pair steady", Duration.ofMinutes(5), () -> (primaryState == null || primaryState.equals(pair.state("primary")))
        && secondaryState.equals(pair.state("secondary")));
    Instant steady = Instant.now();
    Pair.await("a write after that", Duration.ofMinutes(1), () -> writer.acknowledgedSince(steady) > 0);
  }
}
