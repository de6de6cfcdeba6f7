package org.ncsha.software;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;
import org.ncsha.update.BundleManifest;

/**
 * The bundles uploaded to this server, each verified on arrival (manifest, hashes) and kept under
 * its patch id until the administrator deletes it or a new upload of the same id replaces it.
 * Installing does not delete it: after {@code ncs node init} puts the installation's application
 * back, the same bundle is installed again.
 */
@ApplicationScoped
public class BundleUploads {
  private static final Logger LOG = Logger.getLogger(BundleUploads.class.getName());

  /** An uploaded bundle as the Software Update pages list it. */
  public record Upload(BundleManifest manifest, Instant uploaded) {}

  @Inject NodeSettings node;

  public SoftwareArea area() {
    return new SoftwareArea(node.nodeDir().resolve("software"));
  }

  /**
   * What uploads cut short by a stop or a crash of an earlier run left (up to a bundle's size
   * each): no upload of this run has begun when the bean is made.
   */
  @PostConstruct
  void removeCutUploads() {
    Path uploads = area().uploads();
    if (!Files.isDirectory(uploads)) {
      return;
    }
    try (DirectoryStream<Path> parts = Files.newDirectoryStream(uploads, "incoming-*.part")) {
      for (Path part : parts) {
        Files.deleteIfExists(part);
        LOG.info("Removed " + part.getFileName() + ", what an upload cut short by a stop left");
      }
    } catch (IOException e) {
      LOG.warning("Cannot remove what uploads cut short left in " + uploads + ": " + e.getMessage());
    }
  }

  /**
   * Reads an upload to the end, verifies it, and keeps it; refused (and nothing kept) with every
   * problem. {@code expectedSha256}, when not null, is the whole file's hash as the sender signed it.
   */
  public Upload upload(InputStream body, String expectedSha256) throws UpdateRefusedException, IOException {
    SoftwareArea area = area();
    Files.createDirectories(area.uploads());
    Path incoming = area.uploads().resolve("incoming-" + UUID.randomUUID() + ".part");
    try {
      java.security.MessageDigest digest = org.ncsha.security.Sha256.digest();
      try (OutputStream out = Files.newOutputStream(incoming)) {
        long copied = copyAtMost(new java.security.DigestInputStream(body, digest), out, BundleFile.MAX_BYTES);
        if (copied > BundleFile.MAX_BYTES) {
          throw new UpdateRefusedException("file: more than the " + BundleFile.MAX_BYTES + " bytes a bundle may have");
        }
      }
      if (expectedSha256 != null && !expectedSha256.equals(org.ncsha.security.Sha256.hex(digest))) {
        throw new UpdateRefusedException("file: its SHA-256 is not the one the sender signed; it was altered on the way");
      }
      BundleFile bundle;
      try {
        bundle = BundleFile.read(incoming);
      } catch (org.ncsha.node.InvalidInput e) {
        throw new UpdateRefusedException(e.problems());
      }
      BundleManifest m = bundle.manifest();
      Instant now = Instant.now();
      Files.writeString(area.manifest(m.patchId()), manifestText(m, now), StandardCharsets.ISO_8859_1);
      Files.move(incoming, area.bundle(m.patchId()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("Update bundle " + m.patchId() + " (" + m.name() + " " + m.version() + ") uploaded and verified");
      return new Upload(m, now);
    } finally {
      Files.deleteIfExists(incoming);
    }
  }

  /** The uploaded bundles, newest first. */
  public List<Upload> list() throws IOException {
    List<Upload> uploads = new ArrayList<>();
    if (!Files.isDirectory(area().uploads())) {
      return uploads;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(area().uploads(), "*.properties")) {
      for (Path file : files) {
        read(file).ifPresent(uploads::add);
      }
    }
    uploads.sort(Comparator.comparing(Upload::uploaded).reversed());
    return uploads;
  }

  /**
   * The bundle uploaded under {@code patchId}, read and verified again: the file may have been
   * altered on disk since its upload.
   */
  public BundleFile verified(String patchId) throws UpdateRefusedException, IOException {
    // Listed and kept: a file without its listing (a delete cut short) is not an upload.
    if (!BundleManifest.isPatchId(patchId) || !Files.isRegularFile(area().bundle(patchId))
        || !Files.exists(area().manifest(patchId))) {
      throw new UpdateRefusedException(noUpload(patchId)
          + " (upload it first; the uploaded ones are listed on the Software Update page)");
    }
    try {
      return BundleFile.read(area().bundle(patchId));
    } catch (org.ncsha.node.InvalidInput e) {
      throw new UpdateRefusedException(e.problems());
    }
  }

  /** What a request naming an id that no upload has is told (install, delete; page and REST). */
  public static String noUpload(String patchId) {
    return "patchId: no uploaded update has the id " + patchId;
  }

  /**
   * Deletes the uploaded bundle {@code patchId} (up to 2 GB each, so they do not pile up): false
   * when there is none. Refused while the rolling update that runs from this server uses it; the
   * install of a single server does not need it once the install is asked for (its application is
   * staged by then).
   */
  public boolean remove(String patchId, Optional<org.ncsha.update.RollingProgress> rolling)
      throws UpdateRefusedException, IOException {
    if (!BundleManifest.isPatchId(patchId) || !Files.exists(area().manifest(patchId))) {
      return false;
    }
    if (rolling.filter(r -> r.running() && r.patchId().equals(patchId)).isPresent()) {
      throw new UpdateRefusedException("patchId: the rolling update running from this server installs " + patchId
          + " and needs its file; delete it after the rolling update has ended");
    }
    long bytes = Files.exists(area().bundle(patchId)) ? Files.size(area().bundle(patchId)) : 0;
    // The listing first: a stop between the two leaves a file nothing lists, which a new upload of the id replaces.
    Files.delete(area().manifest(patchId));
    Files.deleteIfExists(area().bundle(patchId));
    LOG.info("Update bundle " + patchId + " deleted (" + bytes + " bytes)");
    return true;
  }

  private static Optional<Upload> read(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      Properties p = new Properties();
      p.load(in);
      Instant uploaded = Instant.parse(p.getProperty("uploaded"));
      p.remove("uploaded");
      return Optional.of(new Upload(BundleManifest.parse(p), uploaded));
    } catch (IOException | RuntimeException e) {
      LOG.warning("Skipping the unreadable upload record " + file + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static String manifestText(BundleManifest m, Instant uploaded) throws IOException {
    Properties p = m.toProperties();
    p.setProperty("uploaded", uploaded.toString());
    StringWriter out = new StringWriter();
    p.store(out, "An uploaded update bundle, verified on arrival");
    return out.toString();
  }

  /** Copies up to {@code limit + 1} bytes, so that a longer stream shows as longer than the limit. */
  private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while (total <= limit && (n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }
}
