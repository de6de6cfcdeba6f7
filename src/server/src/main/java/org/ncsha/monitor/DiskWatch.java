package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaStore;

/**
 * The guide's "checks the available disk space at regular intervals, and generates events when
 * storage space runs low": the volume of the node's data, once a minute, with an event when it
 * becomes low and one when it is fine again (not one per check).
 */
@ApplicationScoped
public class DiskWatch {
  private static final Logger LOG = Logger.getLogger(DiskWatch.class.getName());
  static final Duration INTERVAL = Duration.ofMinutes(1);

  @Inject NodeSettings node;
  @Inject HaStore store;

  private Instant nextCheck = Instant.EPOCH;
  private volatile Map<String, Object> last = Map.of();
  private String lowSince;

  /** Called by the Health Monitor loop each cycle; measures at most once per {@link #INTERVAL}. */
  synchronized void check(Instant now, String state) {
    if (now.isBefore(nextCheck)) {
      return;
    }
    nextCheck = now.plus(INTERVAL);
    try {
      FileStore volume = Files.getFileStore(node.nodeDir());
      long usable = volume.getUsableSpace();
      long total = volume.getTotalSpace();
      String low = node.diskThresholds().lowSpace(node.nodeDir().toString(), usable, total);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", node.nodeDir().toString());
      m.put("freeMb", usable / (1024 * 1024));
      m.put("totalMb", total / (1024 * 1024));
      m.put("low", low != null);
      last = m;
      if (low != null && lowSince == null) {
        LOG.warning(low);
        store.recordEvent(now, state, low);
      } else if (low == null && lowSince != null) {
        store.recordEvent(now, state, "Disk space on " + node.nodeDir() + " is sufficient again: " + m.get("freeMb") + " MB free");
      }
      lowSince = low;
    } catch (IOException e) {
      LOG.warning("Cannot read the free space of " + node.nodeDir() + ": " + e.getMessage());
    }
  }

  /** The last measurement, for /api/status. */
  public Map<String, Object> status() {
    return last;
  }
}
