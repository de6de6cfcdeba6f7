package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureFilesTest {
  @TempDir Path dir;

  @Test
  void a_file_written_is_private_and_replaces_the_old_whole() throws Exception {
    Path file = dir.resolve("etc/secret.properties");
    SecureFiles.writePrivate(file, "a=1\n".getBytes(StandardCharsets.UTF_8));
    SecureFiles.writePrivate(file, "a=2\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("a=2\n", Files.readString(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    try (var left = Files.list(file.getParent())) {
      assertEquals(1, left.count(), "no temporary file left behind");
    }
  }

  /** Root writing into a node directory the server's user owns: the file stays that user's. */
  @Test
  void root_keeps_the_owner_of_the_folder_or_of_the_file_replaced() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
    UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.setOwner(etc, nobody);
    Path file = etc.resolve("mse-setup.properties");
    SecureFiles.writePrivate(file, "hostname=mse1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(nobody, Files.getOwner(file), "a new file: the folder's owner");
    Files.setOwner(etc, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("root"));
    SecureFiles.writePrivate(file, "hostname=mse2\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(nobody, Files.getOwner(file), "a replaced file: its own owner");
  }
}
