package org.ncsha.update;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes an update bundle: {@value BundleManifest#FILE} first, then the application. The manifest
 * is checked by the same rules the server applies when the bundle is uploaded, so the build cannot
 * make a bundle the server would refuse for its manifest.
 *
 * <p>Run by the build ({@code mvn -B package -Pupdate-bundle}, docs/operations.md):
 * {@code BundleWriter OUT EAR name=... version=... patch.id=... published=... description=...
 * applies.from=... ha.compatibility=...}.
 */
public final class BundleWriter {
  private BundleWriter() {}

  /** Writes the bundle of {@code ear} described by {@code fields} (every manifest field but the part) to {@code out}. */
  public static BundleManifest write(Path out, Path ear, Properties fields) throws IOException {
    Properties manifest = new Properties();
    manifest.putAll(fields);
    manifest.setProperty("part." + BundleManifest.APPLICATION, org.ncsha.security.Sha256.of(ear));
    BundleManifest checked = BundleManifest.parse(manifest);
    StringWriter text = new StringWriter();
    manifest.store(text, "ncs-ha update bundle");
    Path partial = out.resolveSibling(out.getFileName() + ".part");
    try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.putNextEntry(new ZipEntry(BundleManifest.FILE));
      zip.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry(BundleManifest.APPLICATION));
      Files.copy(ear, zip);
      zip.closeEntry();
    }
    Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return checked;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: BundleWriter OUT EAR field=value ...");
      System.exit(2);
    }
    Properties fields = new Properties();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        System.err.println("BundleWriter: '" + args[i] + "' is not field=value");
        System.exit(2);
      }
      fields.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    try {
      BundleManifest m = write(Path.of(args[0]), Path.of(args[1]), fields);
      System.out.println("Update bundle " + args[0] + ": " + m.name() + " " + m.version() + " (patch " + m.patchId()
          + ", applies from " + m.appliesFrom() + ", " + m.ha().wireName() + ")");
    } catch (IllegalArgumentException e) {
      System.err.println("BundleWriter: " + e.getMessage());
      System.exit(1);
    }
  }
}
