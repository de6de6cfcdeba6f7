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
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.ncsha.update.BundleWriter;

/**
 * Update bundles for the tests: a real next version built from this tree the way a release would
 * be ({@code -Pupdate-bundle -Dncs.version=...}, with one more schema migration), one whose
 * application does not deploy, and a tampered copy of a good one.
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
