package org.ncsha.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Atomic file replacement (temp file + move) with the permissions set before any byte is written. */
public final class SecureFiles {
  /** rw------- : key material, tokens. */
  public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** rw-r--r-- : configuration without secrets. */
  public static final Set<PosixFilePermission> PUBLIC_READ = PosixFilePermissions.fromString("rw-r--r--");

  private SecureFiles() {}

  /**
   * A file written by root (a setup tool) into a node directory the server's own user owns must
   * stay that user's, as the file it replaces was, or the server can no longer read it: the
   * owner of the file replaced, or of the folder for a new one. Only root can give a file away;
   * anyone else writes files of their own, as they always did.
   */
  private static void keepOwner(Path temp, Path like) throws IOException {
    java.nio.file.attribute.UserPrincipal owner = Files.getOwner(like, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    if (!owner.equals(Files.getOwner(temp)) && "root".equals(System.getProperty("user.name"))) {
      Files.setOwner(temp, owner);
    }
  }

  /** Replaces {@code file} atomically with {@code content}, readable by the owner only. */
  public static void writePrivate(Path file, byte[] content) throws IOException {
    write(file, content, OWNER_ONLY);
  }

  /**
   * Replaces {@code file} atomically: readers see the old or the new content, never a torn
   * file, and a crash leaves at worst a stray temp file. {@code permissions} null keeps
   * those of the existing file (rw-r--r-- for a new one).
   */
  public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    Set<PosixFilePermission> perms = permissions;
    if (perms == null && posix) {
      // A temp file is born 0600; a plain new file should be readable like any config file.
      perms = Files.exists(target) ? Files.getPosixFilePermissions(target) : PUBLIC_READ;
    }
    // Created with its final permissions, so the secret is never readable by others, even briefly.
    Path temp = posix && perms != null
        ? Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(perms))
        : Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true); // durable before it replaces the old file
      }
      if (posix && perms != null) {
        Files.setPosixFilePermissions(temp, perms); // createTempFile's attribute is subject to the umask
      }
      if (posix) {
        keepOwner(temp, Files.exists(target) ? target : dir);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
