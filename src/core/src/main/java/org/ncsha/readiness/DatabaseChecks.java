package org.ncsha.readiness;

import static org.ncsha.readiness.Check.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The DATABASE checks, PostgreSQL counterparts of the guide's Oracle ones (docs/readiness.md). */
final class DatabaseChecks {
  private static final double MB = 1024.0 * 1024;

  private DatabaseChecks() {}

  static CheckResult listenerStatus(Facts f) {
    List<String> down = new ArrayList<>();
    List<String> restarted = new ArrayList<>();
    for (Facts.Labelled l : f.answered()) {
      if (!l.facts().databaseAnswers()) {
        down.add(l.label() + ": " + l.facts().databaseError());
      } else if (l.facts().databaseRestarted()) {
        restarted.add(l.label());
      }
    }
    if (!down.isEmpty()) {
      return CheckResult.fail(LISTENER_STATUS, null, "PostgreSQL does not accept connections on " + String.join("; ", down),
          "Read the PostgreSQL log of that server (<node>/pglog/postgresql-<weekday>.log) and start it.");
    }
    if (f.missing() != null) {
      return CheckResult.fail(LISTENER_STATUS, null, f.missing(), "Start the Health Monitor on both servers.");
    }
    String detail = "PostgreSQL accepts connections on both servers"
        + (restarted.isEmpty() ? "" : "; it was down and this check restarted it on the " + String.join(" and the ", restarted));
    return CheckResult.pass(LISTENER_STATUS, null, detail);
  }

  static CheckResult listenerConfig(Facts f) {
    List<String> errors = new ArrayList<>();
    for (Facts.Labelled l : f.answered()) {
      l.facts().configErrors().forEach(e -> errors.add(l.label() + ": " + e));
    }
    if (!errors.isEmpty()) {
      return CheckResult.fail(LISTENER_CONFIG, null, String.join("; ", errors),
          "Correct the named file: PostgreSQL ignores the broken lines now and may refuse to start.");
    }
    if (f.missing() != null) {
      return CheckResult.fail(LISTENER_CONFIG, null, f.missing(), "Start the Health Monitor on both servers.");
    }
    return CheckResult.pass(LISTENER_CONFIG, null, "postgresql.conf and pg_hba.conf parse without errors on both servers");
  }

  /** The replication access rule for the other server; registration adds it, so before that it may be absent. */
  static CheckResult tnsConfig(Facts f) {
    if (f.missing() != null) {
      return CheckResult.fail(TNS_CONFIG, null, f.missing(), "Start the Health Monitor on both servers.");
    }
    if (!f.haConfigured()) {
      return CheckResult.pass(TNS_CONFIG, null, "pg_hba.conf parses on both servers; Pre-HA Registration adds the"
          + " replication rule for the other server");
    }
    NodeFacts active = f.primary().inRecovery() ? f.secondary() : f.primary();
    String which = active == f.primary() ? "primary" : "secondary";
    return active.peerReplicationAllowed()
        ? CheckResult.pass(TNS_CONFIG, null, "pg_hba.conf on the active " + which + " allows replication from the other server")
        : CheckResult.fail(TNS_CONFIG, null, "pg_hba.conf on the active " + which + " has no replication rule for the other server",
            "Restart the " + which + "'s Health Monitor: it rewrites pg_hba.conf before PostgreSQL starts.");
  }

  static CheckResult tnsReachability(Facts f) {
    if (f.missing() != null) {
      return CheckResult.fail(TNS_REACHABILITY, null, f.missing(), "Start the Health Monitor on both servers.");
    }
    List<String> failed = new ArrayList<>();
    List<String> notYet = new ArrayList<>();
    login(f.primary(), "primary to secondary", failed, notYet);
    login(f.secondary(), "secondary to primary", failed, notYet);
    if (f.haConfigured()) {
      // Once configured, the active server must take the standby's replication login.
      NodeFacts standby = f.primary().inRecovery() ? f.primary() : f.secondary();
      if (!"ok".equals(standby.peerReplicationLogin())) {
        return CheckResult.fail(TNS_REACHABILITY, null, "the standby's replication login failed: " + standby.peerReplicationLogin(),
            "Check the authentication key on both servers (ncs ha authkey) and the pg_hba.conf rules.");
      }
      return CheckResult.pass(TNS_REACHABILITY, null, "the standby logs in for replication to the active server");
    }
    if (!failed.isEmpty()) {
      return CheckResult.fail(TNS_REACHABILITY, null, String.join("; ", failed),
          "Check that PostgreSQL listens on each server's address and that the database port is open.");
    }
    return CheckResult.pass(TNS_REACHABILITY, null, "PostgreSQL answers a replication login both ways"
        + (notYet.isEmpty() ? "" : " (" + String.join(", ", notYet) + ": no access yet, granted at registration)"));
  }

  private static void login(NodeFacts from, String way, List<String> failed, List<String> notYet) {
    String result = from.peerReplicationLogin();
    if ("not allowed yet".equals(result)) {
      notYet.add(way);
    } else if (!"ok".equals(result)) {
      failed.add(way + ": " + result);
    }
  }

  static CheckResult memoryTarget(Facts f) {
    Double smallest = null;
    List<String> problems = new ArrayList<>();
    for (Facts.Labelled l : f.answered()) {
      NodeFacts n = l.facts();
      smallest = smallest == null ? n.shmBytes() / MB : Math.min(smallest, n.shmBytes() / MB);
      if (n.shmBytes() < f.limits().shmMinBytes()) {
        problems.add(String.format(Locale.ROOT, "%s: /dev/shm is %.0f MB, less than %.0f MB", l.label(), n.shmBytes() / MB,
            f.limits().shmMinBytes() / MB));
      }
      if (n.sharedBuffersBytes() * 2 > n.memoryBytes()) {
        problems.add(String.format(Locale.ROOT, "%s: shared_buffers (%.0f MB) is more than half the memory (%.0f MB)",
            l.label(), n.sharedBuffersBytes() / MB, n.memoryBytes() / MB));
      }
    }
    String detail = f.each(n -> String.format(Locale.ROOT, "/dev/shm %.0f MB, shared_buffers %.0f MB, memory %.0f MB",
        n.shmBytes() / MB, n.sharedBuffersBytes() / MB, n.memoryBytes() / MB));
    if (!problems.isEmpty()) {
      return CheckResult.fail(MEMORY_TARGET, smallest, String.join("; ", problems),
          "Enlarge /dev/shm (tmpfs size) or lower shared_buffers.");
    }
    if (f.missing() != null) {
      return CheckResult.fail(MEMORY_TARGET, smallest, detail + "; " + f.missing(), "Start the Health Monitor on both servers.");
    }
    return CheckResult.pass(MEMORY_TARGET, smallest, detail);
  }

  static CheckResult onlineStatus(Facts f) {
    List<String> bad = new ArrayList<>();
    for (Facts.Labelled l : f.answered()) {
      String state = l.facts().clusterState();
      if (!l.facts().databaseAnswers() || !("in production".equals(state) || "in archive recovery".equals(state))) {
        bad.add(l.label() + ": cluster state " + state + (l.facts().databaseAnswers() ? "" : ", not answering"));
      }
    }
    if (!bad.isEmpty()) {
      return CheckResult.fail(ONLINE_STATUS, null, String.join("; ", bad),
          "Read that server's PostgreSQL log; a damaged data directory is replaced by removing HA and registering again.");
    }
    if (f.missing() != null) {
      return CheckResult.fail(ONLINE_STATUS, null, f.missing(), "Start the Health Monitor on both servers.");
    }
    return CheckResult.pass(ONLINE_STATUS, null, f.each(n -> "cluster " + n.clusterState()));
  }

  static CheckResult standbyInstance(Facts f) {
    NodeFacts s = f.secondary();
    if (s == null) {
      return CheckResult.fail(STANDBY_INSTANCE, null, f.missing(), "Start the secondary and check again.");
    }
    if (!s.installedAsSecondary()) {
      return CheckResult.fail(STANDBY_INSTANCE, null, s.address() + " was not installed as an HA secondary",
          "Install the secondary answering yes to \"Will this server be used as a secondary for HA?\".");
    }
    if (!f.haConfigured()) {
      return s.clusterState() != null
          ? CheckResult.pass(STANDBY_INSTANCE, null, "the secondary has a PostgreSQL cluster; registration replaces it with a"
              + " standby copy of the primary's")
          : CheckResult.fail(STANDBY_INSTANCE, null, "the secondary has no PostgreSQL cluster",
              "Restart the secondary's Health Monitor: it creates the cluster at start.");
    }
    NodeFacts p = f.primary();
    if (p.inRecovery() == s.inRecovery()) {
      String what = p.inRecovery() ? "both databases are standbys (no server takes writes)" : "neither database is a standby";
      return CheckResult.fail(STANDBY_INSTANCE, null, what, "See docs/operations.md, Resolve database synchronization issues.");
    }
    return CheckResult.pass(STANDBY_INSTANCE, null, "the standby instance runs on the " + (s.inRecovery() ? "secondary" : "primary"));
  }

  static CheckResult syncStatus(Facts f) {
    NodeFacts active = f.primary() != null && !f.primary().inRecovery() ? f.primary()
        : f.secondary() != null && !f.secondary().inRecovery() ? f.secondary() : null;
    if (active == null) {
      return CheckResult.fail(SYNC_STATUS, null, "no server with a writable database answered", "Check both servers' state.");
    }
    if (!Boolean.TRUE.equals(active.streaming())) {
      return CheckResult.fail(SYNC_STATUS, null, "no standby streams from " + active.address(),
          "See docs/operations.md, Resolve database synchronization issues.");
    }
    double lag = active.lagSeconds() == null ? 0 : active.lagSeconds();
    String detail = String.format(Locale.ROOT, "the standby streams from %s; replay lag %.3f s, %d bytes", active.address(), lag,
        active.lagBytes() == null ? 0 : active.lagBytes());
    return lag > f.limits().syncLagWarnSeconds()
        ? CheckResult.warning(SYNC_STATUS, lag, detail, "Check the link and the standby's disk: the standby falls behind.")
        : CheckResult.pass(SYNC_STATUS, lag, detail);
  }
}
