package org.ncsha.readiness;

import static org.ncsha.readiness.CheckSet.FAILOVER;
import static org.ncsha.readiness.CheckSet.REGISTRATION;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every readiness check: the name shown exactly as the guide prints it, the checklists it
 * belongs to, the unit of its value, and the impact shown when it does not pass.
 */
public enum Check {
  CPU_COUNT("SYSTEM - CHECK CPU COUNT", "CPUs", EnumSet.of(REGISTRATION),
      "The secondary may not keep up with the primary's load after a failover."),
  RAM_SIZE("SYSTEM - CHECK RAM SIZE", "MB", EnumSet.of(REGISTRATION),
      "The secondary may run out of memory or disk after a failover or during the database copy."),
  HEALTH_MONITOR_STATUS("SYSTEM - HEALTH MONITOR STATUS", null, EnumSet.of(REGISTRATION),
      "Without a Health Monitor on both servers there are no heartbeats, no failover and no registration."),
  SOFTWARE_VERSION("SYSTEM - CHECK SOFTWARE VERSION", null, EnumSet.of(REGISTRATION),
      "Registration is refused unless both servers run the same version and patch level."),
  CLOCK_OFFSET("SYSTEM - CHECK CLOCK OFFSET", "ms", EnumSet.of(REGISTRATION, FAILOVER),
      "Signed peer messages more than 2 minutes off are refused, and event times do not line up."),
  DISK_IOPS("SYSTEM - CHECK DISK IOPS", "MBps", EnumSet.of(REGISTRATION, FAILOVER),
      "A slow database volume delays replication, the database copy and failover."),
  PING("SYSTEM - CHECK SERVER PING REACHABILITY", "ms", EnumSet.of(REGISTRATION),
      "The servers cannot exchange heartbeats or replicate."),
  FIREWALL_DATABASE_PORT("NETWORK - CHECK FIREWALL FOR DATABASE PORT ACCESSIBILITY", null, EnumSet.of(REGISTRATION),
      "The standby cannot copy or stream the database."),
  INTERFACE_BANDWIDTH("NETWORK - CHECK NETWORK INTERFACE BANDWIDTH", "Mbps", EnumSet.of(REGISTRATION, FAILOVER),
      "A slow interface limits replication and the full database copy."),
  BANDWIDTH_SPEED("NETWORK - CHECK NETWORK BANDWIDTH SPEED", "Mbps", EnumSet.of(REGISTRATION, FAILOVER),
      "A slow or distant link delays replication; a full database copy may take hours or not complete."),
  LISTENER_STATUS("DATABASE - LISTENER STATUS", null, EnumSet.of(REGISTRATION),
      "A database that does not accept connections cannot be copied, replicated or served."),
  LISTENER_CONFIG("DATABASE - CHECK LISTENER CONFIG CORRUPTION", null, EnumSet.of(REGISTRATION),
      "PostgreSQL ignores broken settings or access rules, or refuses to start after a restart."),
  TNS_CONFIG("DATABASE - CHECK TNS CONFIG CORRUPTION", null, EnumSet.of(REGISTRATION),
      "The peer cannot open a replication connection to this server."),
  TNS_REACHABILITY("DATABASE - TNS REACHABILITY STATUS", null, EnumSet.of(REGISTRATION),
      "Replication or the database copy cannot connect."),
  MEMORY_TARGET("DATABASE - CHECK MEMORY TARGET", "MB", EnumSet.of(REGISTRATION),
      "PostgreSQL may fail to allocate shared memory under load."),
  ONLINE_STATUS("DATABASE - CHECK ONLINE STATUS", null, EnumSet.of(REGISTRATION),
      "A damaged or offline database cannot be copied or replicated."),
  STANDBY_INSTANCE("DATABASE - VALIDATE STANDBY DATABASE INSTANCE", null, EnumSet.of(REGISTRATION),
      "Without a standby database instance on the secondary, registration or failover fails."),
  SYNC_STATUS("DATABASE - SYNC STATUS", "s", EnumSet.of(FAILOVER),
      "A standby that does not stream loses the writes since it stopped if the primary fails now."),
  VIRTUAL_IP("NETWORK - CHECK VIRTUAL IP", null, EnumSet.of(REGISTRATION, FAILOVER),
      "Devices and users that address the pair by its virtual IP lose it at a failover, or reach another host."),
  WITNESS("HA - WITNESS", null, EnumSet.of(FAILOVER),
      "Without a witness, an automatic failover during a partition leaves both servers accepting writes until the"
          + " link returns; with an unreachable witness no failover can happen."),
  FILE_SYNC("HA - FILE SYNC", "files", EnumSet.of(FAILOVER),
      "Files changed since the last file-sync run (templates, settings, licences) are missing on the other server"
          + " after a failover."),
  OPERATIONS_CENTER_NAMES("HA - OPERATIONS CENTER HOST NAMES", null, EnumSet.of(REGISTRATION, FAILOVER),
      "Single Sign-On from an Operations Center misbehaves when its servers or instances are named by addresses, by"
          + " names that do not resolve, or both ways.");

  private final String displayName;
  private final String unit;
  private final Set<CheckSet> sets;
  private final String impact;

  Check(String displayName, String unit, Set<CheckSet> sets, String impact) {
    this.displayName = displayName;
    this.unit = unit;
    this.sets = sets;
    this.impact = impact;
  }

  public String displayName() {
    return displayName;
  }

  public String unit() {
    return unit;
  }

  public String impact() {
    return impact;
  }

  public boolean in(CheckSet set) {
    return sets.contains(set);
  }

  public static List<Check> of(CheckSet set) {
    return Stream.of(values()).filter(c -> c.in(set)).toList();
  }
}
