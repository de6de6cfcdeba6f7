package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.ncsha.ha.Command;
import org.ncsha.ha.Decision;
import org.ncsha.ha.PeerDatabase;

/**
 * Remove HA from the page, REST or the CLI. When the peer's Health Monitor is silent, the peer's
 * database is looked at directly first (off the HA loop: a silent host takes seconds), so the
 * decider can tell a secondary that is down from one that took over.
 */
@ApplicationScoped
public class HaRemoval {
  @Inject HaEngine engine;
  @Inject LocalDatabase database;

  /** @param peerIsDownConfirmed the administrator's "the secondary is down" ({@code --peer-is-down}) */
  public Decision remove(boolean peerIsDownConfirmed) throws CommandRefusedException {
    String peer = engine.config().peerAddress();
    boolean peerAnswering = engine.peerReportSince(Instant.now().minus(
        engine.heartbeatInterval().multipliedBy(2))) != null;
    PeerDatabase seen = peer == null || peerAnswering ? PeerDatabase.NOT_CHECKED : database.databaseAt(peer);
    return engine.submit(new Command.Remove(seen, peerIsDownConfirmed));
  }
}
