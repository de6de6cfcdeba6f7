package org.ncsha.software;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.ncsha.update.BundleCheck;
import org.ncsha.update.BundleManifest;

/**
 * An update bundle as uploaded: a zip of {@value BundleManifest#FILE} and the parts it lists.
 * Reading it checks everything that can be checked without installing: the manifest's fields,
 * that each part is there with its SHA-256 and nothing else is. The content is streamed once and
 * never held in memory.
 */
public final class BundleFile {
  /** A larger bundle is refused before it is read to the end. */
  public static final long MAX_BYTES = 2L * 1024 * 1024 * 1024;
  private static final int MAX_MANIFEST_BYTES = 64 * 1024;

  private final Path file;
  private final BundleManifest manifest;

  private BundleFile(Path file, BundleManifest manifest) {
    this.file = file;
    this.manifest = manifest;
  }

  public Path file() {
    return file;
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** Reads and verifies the bundle at {@code file}; the refusal names each problem. */
  public static BundleFile read(Path file) throws org.ncsha.node.InvalidInput, IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new org.ncsha.node.InvalidInput(List.of("file: " + Files.size(file) + " bytes, more than the " + MAX_BYTES + " a bundle may have"));
    }
    Properties properties = null;
    Map<String, String> hashes = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (entry.isDirectory()) {
          continue;
        }
        if (name.equals(BundleManifest.FILE)) {
          byte[] bytes = zip.readNBytes(MAX_MANIFEST_BYTES + 1);
          if (bytes.length > MAX_MANIFEST_BYTES) {
            problems.add(BundleManifest.FILE + ": more than " + MAX_MANIFEST_BYTES + " bytes");
            continue;
          }
          properties = new Properties();
          properties.load(new java.io.StringReader(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
        } else if (hashes.put(name, org.ncsha.security.Sha256.of(zip)) != null) {
          problems.add(name + ": appears twice in the bundle");
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new org.ncsha.node.InvalidInput(List.of("file: not a readable zip (" + e.getMessage() + ")"));
    }
    if (properties == null) {
      throw new org.ncsha.node.InvalidInput(List.of("file: no " + BundleManifest.FILE + " at the bundle's root: not an update bundle"));
    }
    BundleManifest manifest;
    try {
      manifest = BundleManifest.parse(properties);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      throw new org.ncsha.node.InvalidInput(problems);
    }
    problems.addAll(BundleCheck.contentProblems(manifest, hashes));
    if (!problems.isEmpty()) {
      throw new org.ncsha.node.InvalidInput(problems);
    }
    return new BundleFile(file, manifest);
  }
}
