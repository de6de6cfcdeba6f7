package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import org.ncsha.app.ServingRole;
import org.ncsha.mse.MseSettings;
import org.ncsha.mse.ServerInfo;
import org.ncsha.node.NodeSettings;

/** This MSE node's getserverinfo: from its node settings, its setup and what its Health Monitor last saw. */
@ApplicationScoped
public class MseInfo {
  @Inject NodeSettings node;
  @Inject HaEngine engine;
  @Inject LocalHealth health;
  @Inject ServingRole serving;

  public ServerInfo current() throws IOException {
    MseSettings setup = MseSettings.read(MseSettings.fileIn(node.nodeDir()));
    var state = engine.status().state();
    LocalHealth.Snapshot local = health.last();
    ServerInfo.Service database = local.databaseHealthy()
        ? new ServerInfo.Service("Database", "Up", local.databaseWritable() ? null : "a standby of the peer's")
        : new ServerInfo.Service("Database", "Down", null);
    String why = serving.whyNotServing(state, engine.config());
    ServerInfo.Service locations = serving.writable()
        ? new ServerInfo.Service(ServerInfo.LOCATION_SERVICE, "Up", null)
        : new ServerInfo.Service(ServerInfo.LOCATION_SERVICE, "Down", why);
    return new ServerInfo(setup.hostname() == null ? node.name() : setup.hostname(),
        org.ncsha.node.ProductVersion.current(), setup.role().displayName(), state.displayName(),
        node.applianceType().displayName(), node.address(), setup.virtualIp(),
        List.of(new ServerInfo.Service("Health Monitor", "Up", null), database, locations),
        setup.healthMonitorPrefixLength(), engine.config().peerAddress());
  }
}
