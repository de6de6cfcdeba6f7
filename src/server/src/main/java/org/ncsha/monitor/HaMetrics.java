package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.ncsha.ha.HaState;
import org.ncsha.readiness.CheckSet;
import org.ncsha.readiness.CheckStatus;
import org.ncsha.store.HaStore;
import org.ncsha.store.ReadinessResultRecord;

/**
 * The Health Monitor's figures for a monitoring system, on {@code /metrics} (MicroProfile
 * Metrics, Prometheus text, behind the admin login): which HA state this server is in (one
 * series per state, 1 for the current one, as Prometheus exporters write enums), missed
 * heartbeats, replication lag, the loop's age, how often each state was entered (failovers and
 * failbacks among them), the file-sync backlog, and the newest failover readiness run's results. Every value is read
 * when scraped, from what the loop already holds: a scrape never reaches PostgreSQL.
 */
@ApplicationScoped
public class HaMetrics {
  @Inject MetricRegistry registry;
  @Inject HaEngine engine;
  @Inject LocalHealth health;
  @Inject PeerLink peer;
  @Inject HaStore store;
  @Inject org.ncsha.peer.FileSyncLedger files;

  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    for (HaState state : HaState.values()) {
      Tag tag = new Tag("state", state.displayName());
      registry.gauge(meta("ncs_ha_state", "1 for the HA state this server is in, 0 for the others", MetricUnits.NONE),
          engine, e -> e.status().state() == state ? 1 : 0, tag);
      registry.gauge(meta("ncs_ha_state_entered_total", "How often this server entered the state since the Health"
          + " Monitor started (Secondary Failover: failovers; Primary Failback: failbacks)", MetricUnits.NONE),
          engine, e -> e.timesEntered(state), tag);
    }
    registry.gauge(meta("ncs_ha_missed_heartbeats", "Heartbeats the peer has missed in a row", MetricUnits.NONE),
        engine, HaEngine::missedHeartbeats);
    registry.gauge(meta("ncs_ha_loop_age_seconds", "Since the Health Monitor's loop last made progress", MetricUnits.SECONDS),
        engine, e -> e.loopAge().toMillis() / 1000.0);
    registry.gauge(meta("ncs_ha_replication_lag_bytes", "WAL the standby has yet to replay (on the writable server;"
        + " -1 where not known)", MetricUnits.BYTES), health, h -> replication(h, "lagBytes"));
    registry.gauge(meta("ncs_ha_replication_lag_seconds", "How far the standby's replay is behind (on the writable"
        + " server; -1 where not known)", MetricUnits.SECONDS), health, h -> replication(h, "lagSeconds"));
    registry.gauge(meta("ncs_ha_peer_clock_skew_seconds", "The peer's clock minus this server's, from its last answer",
        MetricUnits.SECONDS), peer, p -> p.peerClockSkew() == null ? 0 : p.peerClockSkew().toMillis() / 1000.0);
    registry.gauge(meta("ncs_ha_file_sync_pending_files", "Files the last file-sync run left to send or delete"
        + " (on the server that sends; 0 where it is the receiver)", MetricUnits.NONE), files,
        org.ncsha.peer.FileSyncLedger::pendingFiles);
    registry.gauge(meta("ncs_ha_file_sync_failing", "1 while the last file-sync run failed, else 0", MetricUnits.NONE),
        files, l -> l.failing() ? 1 : 0);
    for (CheckStatus status : CheckStatus.values()) {
      registry.gauge(meta("ncs_ha_readiness_checks", "Checks of the newest failover readiness run with this result",
          MetricUnits.NONE), store, s -> readinessCount(s, status), new Tag("result", status.displayName()));
    }
  }

  private static Metadata meta(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }

  private static double replication(LocalHealth h, String field) {
    LocalHealth.Snapshot s = h.last();
    Object replication = s == null || s.database() == null ? null : s.database().get("replication");
    Object value = replication instanceof Map<?, ?> m ? m.get(field) : null;
    return value instanceof Number n ? n.doubleValue() : -1;
  }

  private static long readinessCount(HaStore s, CheckStatus status) {
    List<ReadinessResultRecord> latest = s.latestReadiness(CheckSet.FAILOVER.wireName());
    return latest.stream().filter(r -> status.displayName().equals(r.getStatus())).count();
  }
}
