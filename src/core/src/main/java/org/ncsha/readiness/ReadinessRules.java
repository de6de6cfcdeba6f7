package org.ncsha.readiness;

import java.util.List;

/**
 * Turns the measured facts into the checklist of one set. Pure: the facts are gathered
 * elsewhere (org.ncsha.monitor.readiness), so every pass, warning and fail path is testable.
 */
public final class ReadinessRules {
  private ReadinessRules() {}

  /** @param primary or secondary may be null: that server's Health Monitor did not answer */
  public static List<CheckResult> evaluate(CheckSet set, NodeFacts primary, NodeFacts secondary, LinkFacts link,
      Thresholds limits) {
    Facts f = new Facts(primary, secondary, link, limits);
    return Check.of(set).stream().map(c -> evaluate(c, f)).toList();
  }

  private static CheckResult evaluate(Check check, Facts f) {
    return switch (check) {
      case CPU_COUNT -> SystemChecks.cpuCount(f);
      case RAM_SIZE -> SystemChecks.ramSize(f);
      case HEALTH_MONITOR_STATUS -> SystemChecks.healthMonitor(f);
      case SOFTWARE_VERSION -> SystemChecks.softwareVersion(f);
      case CLOCK_OFFSET -> SystemChecks.clockOffset(f);
      case DISK_IOPS -> SystemChecks.diskIops(f);
      case PING -> SystemChecks.ping(f);
      case FIREWALL_DATABASE_PORT -> NetworkChecks.firewall(f);
      case INTERFACE_BANDWIDTH -> NetworkChecks.interfaceBandwidth(f);
      case BANDWIDTH_SPEED -> NetworkChecks.bandwidthSpeed(f);
      case LISTENER_STATUS -> DatabaseChecks.listenerStatus(f);
      case LISTENER_CONFIG -> DatabaseChecks.listenerConfig(f);
      case TNS_CONFIG -> DatabaseChecks.tnsConfig(f);
      case TNS_REACHABILITY -> DatabaseChecks.tnsReachability(f);
      case MEMORY_TARGET -> DatabaseChecks.memoryTarget(f);
      case ONLINE_STATUS -> DatabaseChecks.onlineStatus(f);
      case STANDBY_INSTANCE -> DatabaseChecks.standbyInstance(f);
      case SYNC_STATUS -> DatabaseChecks.syncStatus(f);
      case WITNESS -> WitnessCheck.witness(f);
      case VIRTUAL_IP -> VirtualIpCheck.virtualIp(f);
      case FILE_SYNC -> FileSyncCheck.fileSync(f);
      case OPERATIONS_CENTER_NAMES -> OperationsCenterNamesCheck.names(f);
    };
  }

  /** The run's overall result: its worst check. */
  public static CheckStatus overall(List<CheckResult> results) {
    return results.stream().map(CheckResult::status).reduce(CheckStatus.PASS, CheckStatus::worse);
  }
}
