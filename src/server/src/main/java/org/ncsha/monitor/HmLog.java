package org.ncsha.monitor;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaStore;

/**
 * The Health Monitor's own log, {@code <node>/log/hm<n>.log} (rotated, 5 x 10 MB), at the
 * Message Level chosen on the HM page; the level is kept in the node store so it survives a
 * restart. Liberty's messages.log keeps receiving Informational and above whatever is chosen.
 */
@ApplicationScoped
public class HmLog {
  private static final Logger LOG = Logger.getLogger(HmLog.class.getName());
  /** Every logger of this product hangs below this one; the HM log's handler is attached here. */
  private static final Logger ROOT = Logger.getLogger("org.ncsha");
  private static final int FILE_BYTES = 10 * 1024 * 1024;
  private static final int FILES = 5;

  @Inject NodeSettings node;
  @Inject HaStore store;

  private FileHandler handler;
  private volatile LogLevel level = LogLevel.INFORMATIONAL;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Observing is enough: CDI creates the bean at startup, and @PostConstruct opens the file.
  }

  @PostConstruct
  void open() {
    try {
      Files.createDirectories(node.logDir());
      keepToThisUser(node.logDir());
      handler = new FileHandler(node.logDir().resolve("hm%g.log").toString(), FILE_BYTES, FILES, true);
      handler.setEncoding("UTF-8");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the Health Monitor log in " + node.logDir(), e);
    }
    handler.setFormatter(new SimpleFormatter());
    ROOT.addHandler(handler);
    String stored = store.config().getLogLevel();
    apply(stored == null ? LogLevel.INFORMATIONAL : LogLevel.fromDisplayName(stored));
  }

  @PreDestroy
  void close() {
    ROOT.removeHandler(handler);
    handler.close();
  }

  public LogLevel level() {
    return level;
  }

  /** Changes the level at once and keeps it for the next start. */
  public void setLevel(LogLevel newLevel) {
    store.updateConfig(row -> row.setLogLevel(newLevel.displayName()));
    apply(newLevel);
    LOG.info("Health Monitor message level set to " + newLevel.displayName());
  }

  private void apply(LogLevel newLevel) {
    level = newLevel;
    handler.setLevel(newLevel.julLevel());
    // Under Liberty a logger's level is its trace specification, which a configuration drop-in
    // changes at run time (Liberty polls its configuration twice a second). Only Trace raises
    // it: Error narrows this file alone, so messages.log keeps Informational and above.
    String spec = "*=info:org.ncsha.*=" + (newLevel == LogLevel.TRACE ? "finest" : "info");
    Path dropin = serverDir().resolve("configDropins/overrides/hm-log-level.xml");
    try {
      Files.createDirectories(dropin.getParent());
      Files.writeString(dropin, "<server>\n  <!-- Written by the Health Monitor: its Message Level -->\n"
          + "  <logging traceSpecification=\"" + spec + "\"/>\n</server>\n");
    } catch (IOException e) {
      LOG.warning("Cannot apply the Message Level to Liberty's trace specification (" + dropin + "): " + e.getMessage());
    }
  }

  /** This Liberty server's directory: $WLP_USER_DIR/servers/ncs, as ha-pair starts it. */
  private Path serverDir() {
    String userDir = System.getenv("WLP_USER_DIR");
    return (userDir == null ? node.nodeDir().resolve("usr") : Path.of(userDir)).resolve("servers/ncs");
  }

  /**
   * The Health Monitor's log directory belongs to the user the Health Monitor runs as, and no
   * one else may write there: earlier versions shared it with PostgreSQL's log, so a directory
   * left owned by the database user is taken back.
   */
  private static void keepToThisUser(Path dir) {
    try {
      java.nio.file.attribute.UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName(System.getProperty("user.name"));
      if (!Files.getOwner(dir).equals(me)) {
        Files.setOwner(dir, me);
      }
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warning("Could not keep " + dir + " to this user alone: " + e.getMessage());
    }
  }

  /** The download's bound: the newest 64 MB of each file. */
  static final long MAX_BYTES_PER_FILE = 64L * 1024 * 1024;

  private static boolean regularFile(Path p) {
    return Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
  }

  /** The files that {@link #writeArchive} puts in the download: regular files only, never links. */
  List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(node.logDir(), node.pgLogDir())) {
      if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> logs = Files.list(dir)) {
          logs.filter(p -> p.getFileName().toString().endsWith(".log")).filter(HmLog::regularFile).sorted().forEach(files::add);
        }
      }
    }
    String logDir = System.getenv("X_LOG_DIR");
    Path liberty = logDir == null ? serverDir().resolve("logs") : Path.of(logDir);
    if (Files.isDirectory(liberty)) {
      try (Stream<Path> logs = Files.list(liberty)) {
        logs.filter(p -> p.getFileName().toString().matches("(messages|trace).*\\.log")).filter(HmLog::regularFile)
            .sorted().forEach(files::add);
      }
    }
    return files;
  }

  /** The Health Monitor log files, PostgreSQL's log and Liberty's messages as one zip archive. */
  public void writeArchive(OutputStream out) throws IOException {
    if (handler != null) {
      handler.flush();
    }
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Path file : files()) {
        String name = file.startsWith(node.nodeDir()) ? node.nodeDir().relativize(file).toString()
            : "liberty-logs/" + file.getFileName();
        zip.putNextEntry(new ZipEntry(name));
        // Never through a link (a log directory another user can write to could point one at a
        // secret), and only the newest part of a file that grew huge.
        try (java.nio.channels.SeekableByteChannel in = Files.newByteChannel(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          long size = in.size();
          if (size > MAX_BYTES_PER_FILE) {
            zip.write(("(the first " + (size - MAX_BYTES_PER_FILE) + " bytes are left out: at most "
                + MAX_BYTES_PER_FILE + " bytes of each file are downloaded)\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            in.position(size - MAX_BYTES_PER_FILE);
          }
          java.nio.channels.Channels.newInputStream(in).transferTo(zip);
        } catch (IOException e) {
          // A file rotated away meanwhile: the archive says so instead of failing as a whole.
          zip.write(("(could not be read: " + e.getMessage() + ")").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        zip.closeEntry();
      }
    }
  }
}
