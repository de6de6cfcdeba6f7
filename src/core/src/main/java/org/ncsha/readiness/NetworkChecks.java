package org.ncsha.readiness;

import static org.ncsha.readiness.Check.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The NETWORK checks: the database port both ways, the interfaces' link speed, the real link. */
final class NetworkChecks {
  private NetworkChecks() {}

  static CheckResult firewall(Facts f) {
    if (f.missing() != null) {
      return CheckResult.fail(FIREWALL_DATABASE_PORT, null, f.missing(), "Start the Health Monitor on both servers.");
    }
    List<String> blocked = new ArrayList<>();
    if (f.primary().peerDatabasePortError() != null) {
      blocked.add("primary to secondary: " + f.primary().peerDatabasePortError());
    }
    if (f.secondary().peerDatabasePortError() != null) {
      blocked.add("secondary to primary: " + f.secondary().peerDatabasePortError());
    }
    return blocked.isEmpty()
        ? CheckResult.pass(FIREWALL_DATABASE_PORT, null, "the database port answers both ways")
        : CheckResult.fail(FIREWALL_DATABASE_PORT, null, String.join("; ", blocked),
            "Open the database port (5432/tcp) between the two servers in their firewalls; this check never changes a firewall.");
  }

  static CheckResult interfaceBandwidth(Facts f) {
    int min = f.limits().interfaceMinMbps();
    Double slowest = null;
    List<String> virtual = new ArrayList<>();
    for (Facts.Labelled l : f.answered()) {
      Integer speed = l.facts().linkSpeedMbps();
      if (speed == null) {
        virtual.add(l.label() + " (" + l.facts().interfaceName() + ")");
      } else {
        slowest = slowest == null ? speed : Math.min(slowest, speed);
      }
    }
    String detail = f.each(n -> (n.interfaceName() == null ? "no interface holds its address, it" : n.interfaceName())
        + " " + (n.linkSpeedMbps() == null ? "reports no link speed"
        : n.linkSpeedMbps() + " Mbps")) + " (minimum " + min + " Mbps)";
    if (slowest != null && slowest < min) {
      return CheckResult.fail(INTERFACE_BANDWIDTH, slowest, detail,
          "Connect the servers with interfaces of at least " + min + " Mbps.");
    }
    if (!virtual.isEmpty()) {
      return CheckResult.warning(INTERFACE_BANDWIDTH, slowest, detail, "The kernel reports no link speed for "
          + String.join(", ", virtual) + " (a virtual or loopback interface): rely on NETWORK - CHECK NETWORK BANDWIDTH SPEED.");
    }
    if (f.missing() != null) {
      return CheckResult.fail(INTERFACE_BANDWIDTH, slowest, detail + "; " + f.missing(), "Start the Health Monitor on both servers.");
    }
    return CheckResult.pass(INTERFACE_BANDWIDTH, slowest, detail);
  }

  static CheckResult bandwidthSpeed(Facts f) {
    LinkFacts l = f.link();
    if (l.bandwidthMbps() == null) {
      return CheckResult.fail(BANDWIDTH_SPEED, null, "no data could be sent to the other server's bandwidth listener (8085): "
          + l.bandwidthError(), "Start the other server and open port 8085/tcp between the servers.");
    }
    double mbps = l.bandwidthMbps();
    double latency = l.latencyMillis() == null ? 0 : l.latencyMillis();
    NetworkClass grade = NetworkClass.of(latency, mbps);
    double min = f.limits().bandwidthMinMbps();
    StringBuilder detail = new StringBuilder(String.format(Locale.ROOT,
        "%.0f Mbps measured with real data, round trip %.1f ms: %s for HA (the guide's Network Throughput Restrictions)",
        mbps, latency, grade.label()));
    long databaseBytes = f.primary() != null ? f.primary().databaseBytes() : 0;
    if (databaseBytes > 0) {
      detail.append(String.format(Locale.ROOT, "; a full copy of the current database (%.0f MB) would take about %s",
          databaseBytes / 1024.0 / 1024, duration(databaseBytes * 8 / (mbps * 1_000_000))));
    }
    String fix = String.format(Locale.ROOT, "Provide at least %.0f Mbps and at most 220 ms between the servers.", min);
    if (grade == NetworkClass.AT_RISK) {
      return CheckResult.fail(BANDWIDTH_SPEED, mbps, detail.toString(), fix);
    }
    return mbps >= min ? CheckResult.pass(BANDWIDTH_SPEED, mbps, detail.toString())
        : CheckResult.warning(BANDWIDTH_SPEED, mbps, detail.toString(), fix);
  }

  static String duration(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.0f s", Math.max(1, seconds));
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }
}
