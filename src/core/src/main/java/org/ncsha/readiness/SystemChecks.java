package org.ncsha.readiness;

import static org.ncsha.readiness.Check.*;

import java.util.Locale;

/** The SYSTEM checks: sizing of the two servers, their Health Monitors, versions, clocks, disks. */
final class SystemChecks {
  private static final double MB = 1024.0 * 1024;

  private SystemChecks() {}

  static CheckResult cpuCount(Facts f) {
    if (f.missing() != null) {
      return CheckResult.fail(CPU_COUNT, null, f.missing(), "Start the Health Monitor on both servers and check again.");
    }
    int p = f.primary().cpuCount();
    int s = f.secondary().cpuCount();
    String detail = "primary " + p + " CPUs, secondary " + s + " CPUs";
    return p <= s
        ? CheckResult.pass(CPU_COUNT, (double) s, detail)
        : CheckResult.fail(CPU_COUNT, (double) s, detail,
            "Give the secondary at least as many CPUs as the primary (" + p + ").");
  }

  static CheckResult ramSize(Facts f) {
    if (f.missing() != null) {
      return CheckResult.fail(RAM_SIZE, null, f.missing(), "Start the Health Monitor on both servers and check again.");
    }
    NodeFacts p = f.primary();
    NodeFacts s = f.secondary();
    String detail = String.format(Locale.ROOT, "memory: primary %.0f MB, secondary %.0f MB; data volume: primary %.0f MB,"
        + " secondary %.0f MB", p.memoryBytes() / MB, s.memoryBytes() / MB, p.dataVolumeBytes() / MB, s.dataVolumeBytes() / MB);
    double value = s.memoryBytes() / MB;
    if (p.memoryBytes() > s.memoryBytes()) {
      return CheckResult.fail(RAM_SIZE, value, detail, "Give the secondary at least as much memory as the primary.");
    }
    if (p.dataVolumeBytes() > s.dataVolumeBytes()) {
      return CheckResult.warning(RAM_SIZE, value, detail,
          "Give the secondary a data volume at least as large as the primary's: it holds a full copy of the database.");
    }
    return CheckResult.pass(RAM_SIZE, value, detail);
  }

  static CheckResult healthMonitor(Facts f) {
    return f.missing() == null
        ? CheckResult.pass(HEALTH_MONITOR_STATUS, null, "the Health Monitor answers on both servers")
        : CheckResult.fail(HEALTH_MONITOR_STATUS, null, f.missing(),
            "Start the server whose Health Monitor does not answer, and check its address and the authentication key.");
  }

  static CheckResult softwareVersion(Facts f) {
    if (f.missing() != null) {
      return CheckResult.fail(SOFTWARE_VERSION, null, f.missing(), "Start the Health Monitor on both servers and check again.");
    }
    String p = f.primary().version();
    String s = f.secondary().version();
    return p.equals(s)
        ? CheckResult.pass(SOFTWARE_VERSION, null, "both servers run version " + p)
        : CheckResult.fail(SOFTWARE_VERSION, null, "primary runs " + p + ", secondary runs " + s,
            "Install the same version and patch level on both servers.");
  }

  static CheckResult clockOffset(Facts f) {
    Long offset = f.link().clockOffsetMillis();
    if (offset == null) {
      return CheckResult.fail(CLOCK_OFFSET, null, f.missing() == null ? "not measured" : f.missing(),
          "Start the Health Monitor on both servers and check again.");
    }
    double abs = Math.abs(offset);
    String detail = "the clocks differ by " + offset + " ms";
    String fix = "Synchronize both servers' clocks with NTP.";
    if (abs > f.limits().clockFailMillis()) {
      return CheckResult.fail(CLOCK_OFFSET, abs, detail, fix);
    }
    return abs > f.limits().clockWarnMillis() ? CheckResult.warning(CLOCK_OFFSET, abs, detail, fix)
        : CheckResult.pass(CLOCK_OFFSET, abs, detail);
  }

  static CheckResult diskIops(Facts f) {
    double min = f.limits().diskMinMBps();
    Double slowest = null;
    for (Facts.Labelled l : f.answered()) {
      Double mbps = l.facts().diskWriteMBps();
      if (mbps == null) {
        return CheckResult.fail(DISK_IOPS, null, l.label() + ": " + l.facts().diskError(),
            "Check the database volume of the " + l.label() + ": it must be writable.");
      }
      slowest = slowest == null ? mbps : Math.min(slowest, mbps);
    }
    String detail = f.each(n -> String.format(Locale.ROOT, "%.0f MBps", n.diskWriteMBps()))
        + String.format(Locale.ROOT, " (sequential writes with fsync; minimum %.0f MBps)", min);
    if (f.missing() != null) {
      return CheckResult.fail(DISK_IOPS, slowest, detail + "; " + f.missing(), "Start the Health Monitor on both servers.");
    }
    return slowest >= min ? CheckResult.pass(DISK_IOPS, slowest, detail)
        : CheckResult.fail(DISK_IOPS, slowest, detail, "Put the database on storage that writes at least "
            + Math.round(min) + " MBps.");
  }

  static CheckResult ping(Facts f) {
    LinkFacts l = f.link();
    return l.pingMillis() != null
        ? CheckResult.pass(PING, l.pingMillis(), String.format(Locale.ROOT, "the other server answers ping in %.1f ms", l.pingMillis()))
        : CheckResult.fail(PING, null, "the other server does not answer ping: " + l.pingError(),
            "Check the route between the servers and that ICMP echo is allowed.");
  }
}
