package org.ncsha.monitor;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.ncsha.db.DatabaseNode;
import org.ncsha.db.MonitorConnection;
import org.ncsha.db.PostgresConfig;
import org.ncsha.db.PostgresNode;
import org.ncsha.node.NodeSecrets;
import org.ncsha.node.NodeSettings;
import org.ncsha.security.AuthKeys;

/**
 * Makes this node's PostgreSQL injectable as a {@link DatabaseNode}. Dependent scope: each
 * {@code Provider.get()} builds one from the current settings (cheap), so a changed
 * authentication key, and with it the replication password, is picked up at once. The Health
 * Monitor's own connections (one for the loop's checks, one for everything else) are shared by
 * all of them and closed with the application.
 */
@ApplicationScoped
public class DatabaseNodeProducer {
  static final String REPLICATION_USER = "replicator";
  static final String SUPER_USER = "ncs";

  @Inject NodeSettings node;
  @Inject NodeSecrets secrets;
  @Inject PeerLink peer;

  private MonitorConnection monitor;
  private MonitorConnection loopMonitor;

  /**
   * Two kept connections with the loop's budget: the loop's own checks have one to themselves, so
   * that they never wait behind another thread's query (a readiness run, a promotion's polling),
   * nor find their connection closed by its timeout, while the database is stalled.
   */
  @jakarta.annotation.PostConstruct
  void openMonitorConnections() {
    java.time.Duration budget = MonitorConnection.budgetFor(node.heartbeatInterval(), node.peerTimeout());
    monitor = new MonitorConnection(budget);
    loopMonitor = new MonitorConnection(budget);
  }

  @Produces
  DatabaseNode current() {
    return node(monitor);
  }

  /** For the Health Monitor loop's own checks (LocalHealth, the mode probe): its own kept connection. */
  public DatabaseNode forLoop() {
    return node(loopMonitor);
  }

  private DatabaseNode node(MonitorConnection kept) {
    return new PostgresNode(new PostgresConfig(
        node.pgBinDir(), node.pgDataDir(), node.pgRunDir(), node.pgLogDir(), node.address(), node.dbPort(),
        SUPER_USER, secrets.databasePassword(), REPLICATION_USER, replicationPassword(), osUser(),
        node.slotWalLimitMb(), secrets.applicationPassword(), secrets.monitorPassword()), kept);
  }

  @PreDestroy
  void closeMonitorConnections() {
    monitor.close();
    loopMonitor.close();
  }

  /** Both servers derive it from the authentication key, so it is never stored or sent. */
  private String replicationPassword() {
    String secret = peer.peerSecret();
    return secret == null ? secrets.databasePassword() : AuthKeys.hmac(secret, "ncs-ha replication password");
  }

  private static String osUser() {
    return "root".equals(System.getProperty("user.name")) ? "postgres" : null;
  }
}
