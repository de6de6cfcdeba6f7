package org.ncsha.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.node.NodeSettings;
import org.ncsha.update.BundleWriter;

class BundleUploadsTest {
  @TempDir Path dir;
  private final BundleUploads uploads = new BundleUploads();

  @BeforeEach
  void node() throws Exception {
    Files.createDirectories(dir.resolve("node/etc"));
    Files.writeString(dir.resolve("node/etc/node.properties"), "node.address=127.0.0.1\n");
    uploads.node = NodeSettings.load(dir.resolve("node"));
  }

  private Path bundle(String patchId, byte[] ear) throws Exception {
    Path earFile = Files.write(dir.resolve("ncs-ha-" + patchId + ".ear"), ear);
    Properties fields = new Properties();
    fields.load(new java.io.StringReader("name=ncs-ha\nversion=0.2.0\npatch.id=" + patchId + "\npublished=2026-12-02\n"
        + "description=Device location\napplies.from=0.1.0\nha.compatibility=rolling\n"));
    Path out = dir.resolve(patchId + ".zip");
    BundleWriter.write(out, earFile, fields);
    return out;
  }

  @Test
  void an_upload_is_verified_kept_under_its_patch_id_listed_and_verified_again_before_install() throws Exception {
    try (InputStream in = Files.newInputStream(bundle("p-1", "ear".getBytes(StandardCharsets.UTF_8)))) {
      assertEquals("p-1", uploads.upload(in, null).manifest().patchId());
    }
    assertEquals(1, uploads.list().size());
    assertEquals("Device location", uploads.list().get(0).manifest().description());
    assertEquals("p-1", uploads.verified("p-1").manifest().patchId());
    // Replaced on disk after its upload by a bundle whose application does not match the manifest
    // that was verified: Install reads it again and refuses it.
    Path kept = uploads.area().bundle("p-1");
    Path other = bundle("p-2", "another ear".getBytes(StandardCharsets.UTF_8));
    try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(kept))) {
      zip.putNextEntry(new java.util.zip.ZipEntry("bundle.properties"));
      zip.write(readEntry(Files.readAllBytes(dir.resolve("p-1.zip")), "bundle.properties"));
      zip.putNextEntry(new java.util.zip.ZipEntry("ncs-ha.ear"));
      zip.write(readEntry(Files.readAllBytes(other), "ncs-ha.ear"));
    }
    UpdateRefusedException e = assertThrows(UpdateRefusedException.class, () -> uploads.verified("p-1"));
    assertTrue(e.getMessage().contains("the bundle was altered or damaged"), e.getMessage());
  }

  private static byte[] readEntry(byte[] zip, String name) throws Exception {
    try (var in = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError(name + " not in the zip");
  }

  @Test
  void a_refused_upload_keeps_nothing_and_names_its_problem() throws Exception {
    UpdateRefusedException e = assertThrows(UpdateRefusedException.class,
        () -> uploads.upload(new ByteArrayInputStream("not a zip at all".getBytes(StandardCharsets.UTF_8)), null));
    assertTrue(e.getMessage().contains("no bundle.properties"), e.getMessage());
    try (var files = Files.list(uploads.area().uploads())) {
      assertEquals(0, files.count(), "nothing kept");
    }
    assertEquals(0, uploads.list().size());
  }

  @Test
  void install_of_an_unknown_or_unsafe_id_names_the_field() {
    for (String id : new String[] {"nope", "../etc/passwd", null}) {
      UpdateRefusedException e = assertThrows(UpdateRefusedException.class, () -> uploads.verified(id));
      assertTrue(e.getMessage().startsWith("patchId: no uploaded update has the id"), e.getMessage());
    }
  }

  @Test
  void what_an_upload_cut_short_by_a_stop_left_is_removed_when_the_server_starts_again() throws Exception {
    try (InputStream in = Files.newInputStream(bundle("p-1", "ear".getBytes(StandardCharsets.UTF_8)))) {
      uploads.upload(in, null);
    }
    Path cut = Files.writeString(uploads.area().uploads().resolve("incoming-3f2a.part"), "half a bundle");
    BundleUploads restarted = new BundleUploads();
    restarted.node = uploads.node;
    restarted.removeCutUploads();
    assertFalse(Files.exists(cut));
    assertEquals(1, restarted.list().size(), "the uploaded bundle stays");
  }

  @Test
  void a_delete_removes_the_file_and_its_listing_but_not_while_the_running_rolling_update_needs_it() throws Exception {
    for (String id : new String[] {"p-1", "p-2"}) {
      try (InputStream in = Files.newInputStream(bundle(id, ("ear " + id).getBytes(StandardCharsets.UTF_8)))) {
        uploads.upload(in, null);
      }
    }
    java.time.Instant t = java.time.Instant.parse("2026-12-05T02:00:00Z");
    var rollingP1 = java.util.Optional.of(org.ncsha.update.RollingProgress.start("p-1", "0.2.0", "0.1.0", t));
    UpdateRefusedException e = assertThrows(UpdateRefusedException.class, () -> uploads.remove("p-1", rollingP1));
    assertTrue(e.getMessage().startsWith("patchId: the rolling update running from this server installs p-1"), e.getMessage());
    assertTrue(Files.exists(uploads.area().bundle("p-1")), "refused: nothing changed");
    assertEquals(2, uploads.list().size());

    assertTrue(uploads.remove("p-2", rollingP1), "another upload than the rolling update's");
    var ended = java.util.Optional.of(rollingP1.get().failed("stopped"));
    assertTrue(uploads.remove("p-1", ended), "the rolling update has ended");
    assertFalse(Files.exists(uploads.area().bundle("p-1")));
    assertFalse(Files.exists(uploads.area().manifest("p-1")));
    assertEquals(0, uploads.list().size());
    for (String id : new String[] {"p-1", "nope", "../etc/passwd", null}) {
      assertFalse(uploads.remove(id, java.util.Optional.empty()), "no upload has the id " + id);
    }
    // A delete cut short between its two steps leaves the file without its listing: not an upload.
    try (InputStream in = Files.newInputStream(dir.resolve("p-1.zip"))) {
      uploads.upload(in, null);
    }
    Files.delete(uploads.area().manifest("p-1"));
    assertThrows(UpdateRefusedException.class, () -> uploads.verified("p-1"));
  }
}
