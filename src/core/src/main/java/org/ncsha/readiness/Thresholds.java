package org.ncsha.readiness;

/**
 * The limits the checks compare against; the defaults are the guide's figures where it gives
 * one (200 MBps disk, 100 Mbps interface and bandwidth) and ours where it is silent.
 */
public record Thresholds(
    double diskMinMBps,
    int interfaceMinMbps,
    double bandwidthMinMbps,
    long clockWarnMillis,
    long clockFailMillis,
    double syncLagWarnSeconds,
    long shmMinBytes) {

  public static Thresholds defaults() {
    return new Thresholds(200, 100, 100, 2_000, 60_000, 10, 64L * 1024 * 1024);
  }

  public Thresholds withBandwidthMinMbps(double mbps) {
    return new Thresholds(diskMinMBps, interfaceMinMbps, mbps, clockWarnMillis, clockFailMillis, syncLagWarnSeconds,
        shmMinBytes);
  }
}
