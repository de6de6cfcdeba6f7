package org.ncsha.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.InMemoryHaStore;

class UpdateInstallerTest {
  @TempDir Path dir;
  private final UpdateInstaller installer = new UpdateInstaller();
  private final InMemoryHaStore store = new InMemoryHaStore();
  private SoftwareArea area;

  @BeforeEach
  void node() throws Exception {
    Files.createDirectories(dir.resolve("node/etc"));
    Files.writeString(dir.resolve("node/etc/node.properties"), "node.address=127.0.0.1\n");
    NodeSettings node = NodeSettings.load(dir.resolve("node"));
    installer.uploads = new BundleUploads();
    installer.uploads.node = node;
    installer.restart = new ServerRestart();
    installer.restart.node = node;
    installer.store = store;
    installer.ledger = new UpdateLedger() {
      @Override
      public void record(UpdateRecord row) {
        rows.add(row);
      }
    };
    area = installer.uploads.area();
    Files.createDirectories(area.staged().getParent());
    Files.writeString(area.staged(), "the new application");
    java.util.Properties fields = new java.util.Properties();
    fields.load(new java.io.StringReader("name=ncs-ha\nversion=0.2.0\npatch.id=p-1\npublished=2026-12-02\n"
        + "description=Device location\napplies.from=0.1.0\nha.compatibility=rolling\npart.ncs-ha.ear=" + "ab".repeat(32) + "\n"));
    Files.writeString(area.pending(), PendingInstall.of(org.ncsha.update.BundleManifest.parse(fields), "0.1.0").text());
  }

  private final java.util.List<UpdateRecord> rows = new java.util.ArrayList<>();

  @Test
  void a_restart_request_nothing_took_withdraws_the_install_and_says_how_to_mend_it() throws Exception {
    Files.writeString(installer.restart.systemdRequest(), "restart\n");
    installer.restartNotTaken("p-1");
    assertFalse(Files.exists(installer.restart.systemdRequest()), "a unit enabled from now on finds no request");
    assertFalse(Files.exists(area.pending()));
    assertFalse(Files.exists(area.staged()));
    assertEquals(1, store.events.size(), store.events.toString());
    String event = store.events.get(0);
    assertTrue(event.contains("The install of update p-1 was withdrawn, nothing was installed: nothing restarted ncs-ha"
        + " within 60 s") && event.contains("systemctl enable --now ncs-ha-update.path"), event);
    assertEquals(1, rows.size(), "a row of the Status of Updates, where a rolling update sees it");
    assertEquals(UpdateRecord.WITHDRAWN, rows.get(0).getStatus());
    assertEquals("p-1", rows.get(0).getPatchId());
  }

  @Test
  void a_request_the_unit_took_leaves_the_install_to_the_restart() throws Exception {
    // The path unit's service removed the file before it restarted ncs-ha: the restart installs.
    installer.restartNotTaken("p-1");
    assertTrue(Files.exists(area.pending()));
    assertTrue(Files.exists(area.staged()));
    assertTrue(store.events.isEmpty(), store.events.toString());
    assertTrue(rows.isEmpty());
  }
}
