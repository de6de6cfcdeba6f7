package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ncsha.update.BundleWriter;

/**
 * Update bundles for the tests: a real next version built from this tree the way a release would
 * be ({@code -Pupdate-bundle -Dncs.version=...}, with one more schema migration), later versions
 * derived from it, one whose application does not deploy, and a tampered copy of a good one.
 */
final class UpdateBundles {
  private UpdateBundles() {}

  /**
   * Builds this tree as {@code version} with {@code migrations} (Flyway file name, then its SQL,
   * in pairs) added, in a copy under it/target, and returns the bundle (kept in it/target/bundles).
   */
  static Path next(String version, String... migrations) throws Exception {
    Path tree = Pair.TARGET.resolve("next-tree");
    Files.deleteTree(tree);
    copyTree(Pair.REPO, tree);
    for (int i = 0; i + 1 < migrations.length; i += 2) {
      java.nio.file.Files.writeString(tree.resolve("db/migration").resolve(migrations[i]), migrations[i + 1]);
    }
    Path log = Pair.TARGET.resolve("next-tree-build-" + version + ".log");
    ProcessBuilder mvn = new ProcessBuilder("mvn", "-B", "-o", "-q", "package", "-Pupdate-bundle", "-Dncs.version=" + version,
        "-DskipTests", "-Djacoco.skip=true", "-pl", "src/ear", "-am")
        .directory(tree.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = mvn.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("building version " + version + " took more than 10 minutes");
    }
    assertEquals(0, p.exitValue(), "building version " + version + ": see " + log);
    Path bundle = java.nio.file.Files.createDirectories(Pair.TARGET.resolve("bundles")).resolve("ncs-ha-update-" + version + ".zip");
    java.nio.file.Files.copy(tree.resolve("src/ear/target/ncs-ha-update-" + version + ".zip"), bundle,
        StandardCopyOption.REPLACE_EXISTING);
    Files.deleteTree(tree);
    return bundle;
  }

  /**
   * A later version made from {@code built} (a bundle {@link #next} built) without another build:
   * its application with {@code version} in the core library's version.properties and
   * {@code migrations} (file name, then SQL, in pairs) added to the server module's
   * db/migration, in a manifest that says {@code version}. Only the version and the migrations
   * differ between the bundles a build would make of the same tree, and a build takes a minute.
   */
  static Path derived(Path built, String version, String... migrations) throws IOException {
    Path dir = java.nio.file.Files.createDirectories(Pair.TARGET.resolve("bundles"));
    Path ear = dir.resolve("derived-" + version + ".ear");
    Properties fields = new Properties();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(built.toFile())) {
      try (java.io.InputStream in = zip.getInputStream(zip.getEntry(org.ncsha.update.BundleManifest.FILE))) {
        fields.load(in);
      }
      try (java.io.InputStream in = zip.getInputStream(zip.getEntry(org.ncsha.update.BundleManifest.APPLICATION));
          OutputStream out = java.nio.file.Files.newOutputStream(ear)) {
        rewrite(in, out, (name, bytes) -> switch (name) {
          case "lib/ncs-ha-core.jar" -> rewritten(bytes, Map.of("org/ncsha/node/version.properties",
              ("version=" + version + "\n").getBytes(StandardCharsets.UTF_8)));
          case "ncs-ha-server.jar" -> rewritten(bytes, migrationFiles(migrations));
          default -> bytes;
        }, Map.of());
      }
    }
    fields.stringPropertyNames().stream().filter(k -> k.startsWith("part.")).toList().forEach(fields::remove);
    fields.setProperty("version", version);
    fields.setProperty("patch.id", "ncs-ha-" + version);
    fields.setProperty("description", "ncs-ha " + version);
    Path bundle = dir.resolve("ncs-ha-update-" + version + ".zip");
    BundleWriter.write(bundle, ear, fields);
    java.nio.file.Files.delete(ear);
    return bundle;
  }

  private static Map<String, byte[]> migrationFiles(String... migrations) {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (int i = 0; i + 1 < migrations.length; i += 2) {
      files.put("db/migration/" + migrations[i], migrations[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  /** {@code archive} (a jar) with {@code replaced} entries given new contents, added when absent. */
  private static byte[] rewritten(byte[] archive, Map<String, byte[]> replaced) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(archive.length + 4096);
    rewrite(new java.io.ByteArrayInputStream(archive), out, (name, bytes) -> replaced.getOrDefault(name, bytes), replaced);
    return out.toByteArray();
  }

  private interface EntryChange {
    byte[] apply(String name, byte[] bytes) throws IOException;
  }

  /** Copies a zip entry by entry through {@code change}, then adds the {@code added} entries it did not have. */
  private static void rewrite(java.io.InputStream from, OutputStream to, EntryChange change, Map<String, byte[]> added)
      throws IOException {
    java.util.Set<String> seen = new java.util.HashSet<>();
    ZipInputStream in = new ZipInputStream(from);
    ZipOutputStream out = new ZipOutputStream(to);
    ZipEntry entry;
    while ((entry = in.getNextEntry()) != null) {
      seen.add(entry.getName());
      out.putNextEntry(new ZipEntry(entry.getName()));
      out.write(entry.isDirectory() ? new byte[0] : change.apply(entry.getName(), in.readAllBytes()));
      out.closeEntry();
    }
    for (Map.Entry<String, byte[]> extra : added.entrySet()) {
      if (!seen.contains(extra.getKey())) {
        out.putNextEntry(new ZipEntry(extra.getKey()));
        out.write(extra.getValue());
        out.closeEntry();
      }
    }
    out.finish();
  }

  /** A bundle whose application is not one: Liberty refuses to start it. */
  static Path broken(String version) throws IOException {
    return notAnApplication("broken-" + version, version, "0.1.0", "An application Liberty cannot start");
  }

  /** A bundle for a later version than any server here runs: refused at Install, nothing restarts. */
  static Path inapplicable() throws IOException {
    return notAnApplication("ncs-ha-9.0.1", "9.0.1", "9.0.0", "For servers on 9.0.0 or later");
  }

  private static Path notAnApplication(String patchId, String version, String appliesFrom, String description)
      throws IOException {
    Path dir = java.nio.file.Files.createDirectories(Pair.TARGET.resolve("bundles"));
    Path ear = dir.resolve("not-an-application.ear");
    try (OutputStream out = java.nio.file.Files.newOutputStream(ear); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("readme.txt"));
      zip.write("no modules here".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    Properties fields = new Properties();
    fields.setProperty("name", "ncs-ha");
    fields.setProperty("version", version);
    fields.setProperty("patch.id", patchId);
    fields.setProperty("published", LocalDate.now().toString());
    fields.setProperty("description", description);
    fields.setProperty("applies.from", appliesFrom);
    fields.setProperty("ha.compatibility", "rolling");
    Path bundle = dir.resolve(patchId + ".zip");
    BundleWriter.write(bundle, ear, fields);
    return bundle;
  }

  /**
   * Another patch of the same version: {@code bundle}'s application under a new patch id, made
   * with BundleWriter as the build makes bundles (no build needed: the application is the same).
   */
  static Path repatched(Path bundle, String patchId, String description) throws IOException {
    Path dir = java.nio.file.Files.createDirectories(Pair.TARGET.resolve("bundles"));
    Path ear = dir.resolve(patchId + ".ear");
    Properties fields = new Properties();
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(bundle.toFile())) {
      try (java.io.InputStream in = zip.getInputStream(zip.getEntry(org.ncsha.update.BundleManifest.FILE))) {
        fields.load(in);
      }
      try (java.io.InputStream in = zip.getInputStream(zip.getEntry(org.ncsha.update.BundleManifest.APPLICATION))) {
        java.nio.file.Files.copy(in, ear, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    fields.stringPropertyNames().stream().filter(k -> k.startsWith("part.")).toList().forEach(fields::remove);
    fields.setProperty("patch.id", patchId);
    fields.setProperty("description", description);
    Path out = dir.resolve(patchId + ".zip");
    BundleWriter.write(out, ear, fields);
    java.nio.file.Files.delete(ear);
    return out;
  }

  /** {@code good} with one byte of its application changed and its manifest kept. */
  static Path tampered(Path good) throws IOException {
    Path bundle = java.nio.file.Files.createDirectories(Pair.TARGET.resolve("bundles"))
        .resolve("tampered-" + good.getFileName());
    try (ZipInputStream in = new ZipInputStream(java.nio.file.Files.newInputStream(good));
        ZipOutputStream out = new ZipOutputStream(java.nio.file.Files.newOutputStream(bundle))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        byte[] bytes = in.readAllBytes();
        if (entry.getName().equals("ncs-ha.ear")) {
          bytes[bytes.length / 2] ^= 1;
        }
        out.write(bytes);
        out.closeEntry();
      }
    }
    return bundle;
  }

  /** The sources and build files, without build output, git or the test pairs. */
  private static void copyTree(Path from, Path to) throws IOException {
    java.nio.file.Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        String name = dir.getFileName().toString();
        if (!dir.equals(from) && (name.equals("target") || name.equals(".git") || name.equals("node_modules"))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        java.nio.file.Files.createDirectories(to.resolve(from.relativize(dir)));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        java.nio.file.Files.copy(file, to.resolve(from.relativize(file)), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
