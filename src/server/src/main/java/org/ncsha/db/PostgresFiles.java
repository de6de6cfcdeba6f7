package org.ncsha.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files around one PostgreSQL cluster that the Health Monitor owns: the node's own
 * settings (rewritten before every start, since a copy or rewind brings the other server's),
 * pg_hba.conf, the password file, the standby settings, and the data directory swap of a copy.
 */
final class PostgresFiles {
  private static final String TEMPLATE_DIR = "db/postgresql/";

  private final PostgresConfig config;

  PostgresFiles(PostgresConfig config) {
    this.config = config;
  }

  boolean initialized() {
    return Files.exists(config.dataDir().resolve("PG_VERSION"));
  }

  Path passFile() {
    return config.confDir().resolve("pgpass");
  }

  void prepareDirectories() {
    for (Path dir : List.of(config.dataDir(), config.runDir(), config.confDir(), config.logDir())) {
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create " + dir, e);
      }
      own(dir);
    }
    restrict(config.dataDir(), "rwx------");
    restrict(config.confDir(), "rwx------");
    restrict(config.runDir(), "rwx------");
  }

  Path initPasswordFile() {
    Path file = config.confDir().resolve("initpw");
    writePrivate(file, config.superPassword() + "\n");
    return file;
  }

  /** libpq's password file: the tools find their passwords here, never on a command line. */
  void writePasswordFile() {
    writePrivate(passFile(),
        "*:*:*:" + config.replicationUser() + ":" + escape(config.replicationPassword()) + "\n"
            + "*:*:*:" + config.superUser() + ":" + escape(config.superPassword()) + "\n");
  }

  void installReplicationSettings() {
    writeOwned(config.dataDir().resolve("ncs-ha.conf"), template("ncs-ha.conf"));
    append(config.dataDir().resolve("postgresql.conf"),
        "\n# ncs-ha\ninclude = 'ncs-ha.conf'\ninclude_if_exists = 'ncs-node.conf'\n");
  }

  void writeNodeSettings() {
    writeOwned(config.dataDir().resolve("ncs-node.conf"),
        "# ncs-ha: this server's own settings, rewritten before every start.\n"
            + "listen_addresses = '" + config.address() + "'\n"
            + "port = " + config.port() + "\n"
            + "unix_socket_directories = '" + config.runDir() + "'\n"
            + "cluster_name = 'ncs-" + config.address() + "'\n"
            // Beyond the limit the slot is invalidated (wal_status lost) and the standby needs a
            // full copy; wal_keep_size alone must not keep more than the limit allows.
            + "max_slot_wal_keep_size = " + config.slotWalLimitMb() + "MB\n"
            + "wal_keep_size = " + Math.min(256, config.slotWalLimitMb() / 2) + "MB\n"
            // PostgreSQL rotates its own log: one file per weekday, overwritten a week later.
            + "logging_collector = on\n"
            + "log_directory = '" + config.logDir() + "'\n"
            + "log_filename = 'postgresql-%a.log'\n"
            + "log_truncate_on_rotation = on\n"
            + "log_rotation_age = 1d\n"
            + "log_rotation_size = 0\n"
            + tlsSettings());
  }

  /** TLS on with the node's own certificate once it is installed ({@link #writeServerTls}). */
  private String tlsSettings() {
    if (!Files.exists(serverCertificate()) || !Files.exists(serverKey())) {
      return "";
    }
    return "ssl = on\n"
        + "ssl_cert_file = '" + serverCertificate() + "'\n"
        + "ssl_key_file = '" + serverKey() + "'\n"
        + "ssl_min_protocol_version = 'TLSv1.2'\n";
  }

  /** This server's certificate and key for PostgreSQL's TLS: the node's own, as PEM. */
  Path serverCertificate() {
    return config.confDir().resolve("server.crt");
  }

  Path serverKey() {
    return config.confDir().resolve("server.key");
  }

  /** The other server's certificate, the one its Health Monitor pinned: the only root a connection to it trusts. */
  Path peerCertificate() {
    return config.confDir().resolve("peer.crt");
  }

  /** Installs this node's TLS certificate and private key (PEM) for PostgreSQL, readable by its user only. */
  void writeServerTls(String certificatePem, String privateKeyPem) {
    prepareDirectories();
    writePrivate(serverCertificate(), certificatePem);
    writePrivate(serverKey(), privateKeyPem);
  }

  /** Installs the peer's pinned certificate (PEM) as the root that connections to it trust. */
  void writePeerCertificate(String certificatePem) {
    writePrivate(peerCertificate(), certificatePem);
  }

  /**
   * A libpq connection string to the peer's database as {@code user}, secured: encrypted, the
   * server proven by the pinned certificate (verify-full: it is the root, and it names the peer's
   * address) and the password exchange bound to that TLS channel. Without a pinned certificate
   * yet, no TLS settings.
   */
  String peerConninfo(String address, String user) {
    String conninfo = "host=" + address + " port=" + config.port() + " user=" + user;
    return Files.exists(peerCertificate())
        ? conninfo + " sslmode=verify-full sslrootcert=" + peerCertificate() + " channel_binding=require"
        : conninfo;
  }

  /** The same for the JDBC driver. */
  java.util.Properties peerTlsJdbc() {
    java.util.Properties p = new java.util.Properties();
    if (Files.exists(peerCertificate())) {
      p.setProperty("sslmode", "verify-full");
      p.setProperty("sslrootcert", peerCertificate().toString());
      p.setProperty("channelBinding", "require");
    }
    return p;
  }

  void addPeer(String address) {
    Set<String> peers = peers();
    peers.add(address);
    writePrivate(config.confDir().resolve("peers"), String.join("\n", peers) + "\n");
  }

  void writeHba() {
    Set<String> networks = new LinkedHashSet<>();
    networks.add(network(config.address()));
    peers().forEach(p -> networks.add(network(p)));
    StringBuilder lines = new StringBuilder();
    String own = network(config.address());
    for (String net : networks) {
      // The peer's own network (not this server's, which its local clients share) only over TLS.
      String type = !net.equals(own) && Files.exists(serverCertificate()) ? "hostssl" : "host   ";
      lines.append(type).append(" all          ").append(config.superUser()).append("         ").append(net).append("  scram-sha-256\n");
      lines.append(type).append(" replication  ").append(config.replicationUser()).append("  ").append(net).append("  scram-sha-256\n");
    }
    // The application and the monitoring connection run on this server: nobody else may use their roles.
    for (String role : List.of(PostgresConfig.APP_USER, PostgresConfig.MONITOR_USER)) {
      lines.append("host    ncs          ").append(role).append("  ").append(own).append("  scram-sha-256\n");
    }
    writeOwned(config.dataDir().resolve("pg_hba.conf"), template("pg_hba.conf").replace("@HOST_LINES@", lines.toString().strip()));
  }

  /**
   * Nodes on loopback addresses share one host, and the kernel may use 127.0.0.1 as the source
   * of a connection to 127.x.y.z; so a loopback peer is allowed from the whole loopback net.
   */
  static String network(String address) {
    if (address.startsWith("127.")) {
      return "127.0.0.0/8";
    }
    return address.contains(":") ? address + "/128" : address + "/32";
  }

  /** Writes standby.signal and the upstream into {@code dataDir} (the live one, or a copy before its swap). */
  void writeStandbySettings(Path dataDir, String primaryAddress, String slot) {
    writeOwned(dataDir.resolve("postgresql.auto.conf"),
        "# ncs-ha: standby of " + primaryAddress + "\n"
            + "primary_conninfo = '" + peerConninfo(primaryAddress, config.replicationUser())
            + " passfile=" + passFile() + " application_name=" + config.address() + "'\n"
            + "primary_slot_name = '" + slot + "'\n");
    // The signal last: without it the settings above are inert.
    writeOwned(dataDir.resolve("standby.signal"), "");
    fsync(dataDir.resolve("postgresql.auto.conf"));
    fsync(dataDir.resolve("standby.signal"));
    fsync(dataDir);
  }

  boolean standbyConfigured() {
    return Files.exists(config.dataDir().resolve("standby.signal"));
  }

  /** Where the "held read-only by the Health Monitor" mark lives: outside the data directory. */
  private Path heldMark() {
    return config.runDir().resolve("held-read-only");
  }

  boolean held() {
    return Files.exists(heldMark());
  }

  /** Remembers that the Health Monitor holds this database read-only until it opens it. */
  void markHeld() {
    writeOwned(heldMark(), "held read-only by the Health Monitor at start; removed when it opens\n");
  }

  /**
   * Before a start: every transaction read-only by default. ALTER SYSTEM RESET (open, unfence)
   * takes it out again; a copy or rewind rewrites the file anyway.
   */
  void writeReadOnlyDefault() {
    Path auto = config.dataDir().resolve("postgresql.auto.conf");
    try {
      String current = Files.exists(auto) ? Files.readString(auto) : "";
      if (!current.contains("default_transaction_read_only")) {
        writeOwned(auto, current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n")
            + "default_transaction_read_only = 'on'\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + auto, e);
    }
  }

  void clearHeld() {
    delete(heldMark());
  }

  private static void fsync(Path path) {
    try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(path,
        Files.isDirectory(path) ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
      c.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot fsync " + path, e);
    }
  }

  Path freshDataDir() {
    Path fresh = config.dataDir().resolveSibling(config.dataDir().getFileName() + ".new");
    deleteTree(fresh);
    try {
      Files.createDirectories(fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + fresh, e);
    }
    own(fresh);
    restrict(fresh, "rwx------");
    return fresh;
  }

  /** Where a data directory that may hold writes made after a fork is kept (not yet created). */
  Path forkCopyPath(String label) {
    Path forks = forksDir();
    try {
      Files.createDirectories(forks);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + forks, e);
    }
    own(forks);
    restrict(forks, "rwx------");
    String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
        .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
    return forks.resolve(stamp + "-" + label);
  }

  private Path forksDir() {
    return config.dataDir().resolveSibling("forks");
  }

  /**
   * Moves a copy made under {@code partial} (in the forks folder, named {@code <label>.partial}:
   * one name, so that a copy cut short is replaced by the next) to its kept name.
   */
  void completeForkCopy(Path partial, Path kept) {
    try {
      Files.move(partial, kept, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move " + partial + " to " + kept, e);
    }
  }

  /**
   * The copy kept earlier under the same label (the same fork point), if one was completed: a
   * rewind tried again (a failed hand-over follows the primary again by itself) keeps one copy of
   * the fork, not one per try, and the first is the one taken before any rewind touched the data.
   */
  java.util.Optional<Path> keptForkCopy(String label) {
    if (!Files.isDirectory(forksDir())) {
      return java.util.Optional.empty();
    }
    try (java.util.stream.Stream<Path> kept = Files.list(forksDir())) {
      return kept.filter(p -> p.getFileName().toString().endsWith("-" + label)).sorted().findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + forksDir(), e);
    }
  }

  /**
   * A crash between the two renames of a swap leaves no data directory: the complete copy (it
   * got its standby settings before the swap began) is moved into place, so that a start never
   * initializes an empty cluster in its stead.
   */
  void finishInterruptedSwap() {
    Path fresh = config.dataDir().resolveSibling(config.dataDir().getFileName() + ".new");
    if (initialized() || !Files.exists(fresh.resolve("PG_VERSION")) || !Files.exists(fresh.resolve("standby.signal"))) {
      return;
    }
    try {
      if (Files.exists(config.dataDir())) {
        Files.delete(config.dataDir()); // an empty directory left by prepareDirectories
      }
      Files.move(fresh, config.dataDir(), StandardCopyOption.ATOMIC_MOVE);
      fsync(config.dataDir().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot finish the interrupted swap of " + fresh, e);
    }
  }

  /** Swaps the copied directory in; the previous one is moved to keepPrevious, or deleted when null. */
  void swapInFreshDataDir(Path fresh, Path keepPrevious) {
    Path old = keepPrevious != null ? keepPrevious : config.dataDir().resolveSibling(config.dataDir().getFileName() + ".old");
    try {
      if (keepPrevious == null) {
        deleteTree(old);
      }
      if (Files.exists(config.dataDir())) {
        Files.move(config.dataDir(), old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(fresh, config.dataDir(), StandardCopyOption.ATOMIC_MOVE);
      fsync(config.dataDir().getParent());
      if (keepPrevious == null) {
        deleteTree(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot swap in the copied data directory", e);
    }
  }

  void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + root, e);
    }
  }

  private Set<String> peers() {
    Path file = config.confDir().resolve("peers");
    Set<String> peers = new LinkedHashSet<>();
    if (Files.exists(file)) {
      try {
        Files.readAllLines(file).stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(peers::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return peers;
  }

  private static String template(String name) {
    try (InputStream in = PostgresFiles.class.getClassLoader().getResourceAsStream(TEMPLATE_DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing configuration template " + TEMPLATE_DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String password) {
    return password.replace("\\", "\\\\").replace(":", "\\:");
  }

  private void writePrivate(Path file, String content) {
    writeOwned(file, content);
    restrict(file, "rw-------");
  }

  private void writeOwned(Path file, String content) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      restrict(tmp, "rw-------");
      own(tmp);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private void append(Path file, String content) {
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private void own(Path path) {
    if (config.osUser() == null) {
      return;
    }
    try {
      UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(path, users.lookupPrincipalByName(config.osUser()));
      Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
          .setGroup(users.lookupPrincipalByGroupName(config.osUser()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot give " + path + " to " + config.osUser(), e);
    }
  }

  private static void restrict(Path path, String permissions) {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot set permissions of " + path, e);
    }
  }
}
