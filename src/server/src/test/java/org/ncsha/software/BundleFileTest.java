package org.ncsha.software;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleFileTest {
  @TempDir Path dir;

  private static final byte[] EAR = "pretend ear".getBytes(StandardCharsets.UTF_8);

  private static String sha(byte[] b) throws Exception {
    return org.ncsha.files.FileArea.sha256(new ByteArrayInputStream(b));
  }

  private String manifest(String earSha) throws Exception {
    return "name=ncs-ha\nversion=0.2.0\npatch.id=NCS-0.2.0-1\npublished=2026-12-02\ndescription=Device location\n"
        + "applies.from=0.1.0\nha.compatibility=rolling\npart.ncs-ha.ear=" + earSha + "\n";
  }

  private Path zip(Map<String, byte[]> entries) throws Exception {
    Path file = dir.resolve("bundle-" + System.nanoTime() + ".zip");
    try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return file;
  }

  private Map<String, byte[]> good() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("bundle.properties", manifest(sha(EAR)).getBytes(StandardCharsets.UTF_8));
    entries.put("ncs-ha.ear", EAR);
    return entries;
  }

  @Test
  void a_bundle_the_build_writes_is_read_and_verified() throws Exception {
    Path ear = Files.write(dir.resolve("ncs-ha.ear"), EAR);
    java.util.Properties fields = new java.util.Properties();
    fields.load(new java.io.StringReader(manifest("unused").replaceAll("part\\..*\n", "")));
    Path out = dir.resolve("ncs-ha-update-0.2.0.zip");
    org.ncsha.update.BundleWriter.write(out, ear, fields);
    BundleFile bundle = BundleFile.read(out);
    assertEquals("NCS-0.2.0-1", bundle.manifest().patchId());
    assertEquals(java.util.Map.of("ncs-ha.ear", sha(EAR)), bundle.manifest().parts());
  }

  @Test
  void the_build_refuses_to_write_a_bundle_the_server_would_refuse() throws Exception {
    Path ear = Files.write(dir.resolve("ncs-ha.ear"), EAR);
    java.util.Properties fields = new java.util.Properties();
    fields.setProperty("name", "ncs-ha");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> org.ncsha.update.BundleWriter.write(dir.resolve("x.zip"), ear, fields));
    assertTrue(e.getMessage().contains("version: is required"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("x.zip")));
  }

  @Test
  void a_tampered_bundle_is_refused_naming_the_part() throws Exception {
    Map<String, byte[]> entries = good();
    entries.put("ncs-ha.ear", "pretend ear, altered".getBytes(StandardCharsets.UTF_8));
    entries.put("run-me.sh", "rm -rf /".getBytes(StandardCharsets.UTF_8));
    org.ncsha.node.InvalidInput e = assertThrows(org.ncsha.node.InvalidInput.class, () -> BundleFile.read(zip(entries)));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("part.ncs-ha.ear: its SHA-256 is"), e.getMessage());
    assertTrue(e.problems().get(1).startsWith("run-me.sh: in the bundle but not listed"), e.getMessage());
  }

  @Test
  void what_is_not_a_bundle_says_so() throws Exception {
    Path notZip = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertTrue(assertThrows(org.ncsha.node.InvalidInput.class, () -> BundleFile.read(notZip)).getMessage()
        .contains("no bundle.properties"));
    Map<String, byte[]> entries = good();
    entries.remove("bundle.properties");
    assertTrue(assertThrows(org.ncsha.node.InvalidInput.class, () -> BundleFile.read(zip(entries))).getMessage()
        .startsWith("file: no bundle.properties at the bundle's root"));
  }

  @Test
  void a_bad_manifest_is_refused_with_its_fields() throws Exception {
    Map<String, byte[]> entries = good();
    entries.put("bundle.properties", manifest("nothex").replace("published=2026-12-02", "published=soon")
        .getBytes(StandardCharsets.UTF_8));
    org.ncsha.node.InvalidInput e = assertThrows(org.ncsha.node.InvalidInput.class, () -> BundleFile.read(zip(entries)));
    assertTrue(e.getMessage().contains("published: a date as YYYY-MM-DD"), e.getMessage());
    assertTrue(e.getMessage().contains("part.ncs-ha.ear: a SHA-256"), e.getMessage());
  }
}
