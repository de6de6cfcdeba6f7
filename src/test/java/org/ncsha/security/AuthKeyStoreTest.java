package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthKeyStoreTest {
  @TempDir Path nodeDir;

  @Test
  void unsetStore() {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    assertFalse(store.isSet());
    assertFalse(store.verify("Ha-Secret-9k".toCharArray()));
    assertTrue(store.peerSecret().isEmpty());
  }

  @Test
  void setWritesOwnerOnlyFileWithoutTheKey() throws Exception {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    store.set("Ha-Secret-9k".toCharArray());
    Path file = nodeDir.resolve("etc/authkey.properties");
    assertEquals(file, store.file());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertFalse(text.contains("Ha-Secret-9k"), text);
    assertFalse(text.contains("Secret"), text);
    assertTrue(store.isSet());
    assertTrue(store.verify("Ha-Secret-9k".toCharArray()));
    assertFalse(store.verify("Ha-Secret-9K".toCharArray()));
    assertEquals(AuthKeys.peerSecret("Ha-Secret-9k".toCharArray()), store.peerSecret().orElseThrow());
  }

  @Test
  void replacingTheKeyLeavesNoTempFilesAndKeepsPermissions() throws Exception {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    store.set("Ha-Secret-9k".toCharArray());
    store.set("Other-Key-22".toCharArray());
    assertTrue(store.verify("Other-Key-22".toCharArray()));
    assertFalse(store.verify("Ha-Secret-9k".toCharArray()));
    try (Stream<Path> files = Files.list(nodeDir.resolve("etc"))) {
      assertEquals(1, files.count());
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
  }

  @Test
  void weakKeyIsRefusedWithTheRuleAndNothingIsWritten() {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.set("password".toCharArray()));
    assertTrue(e.getMessage().startsWith("Authentication Key"), e.getMessage());
    assertTrue(e.getMessage().contains("at least three"), e.getMessage());
    assertFalse(Files.exists(store.file()));
  }

  @Test
  void toStringRevealsNothing() {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    store.set("Ha-Secret-9k".toCharArray());
    assertFalse(store.toString().contains("Ha-Secret"));
    assertFalse(store.toString().contains(store.peerSecret().orElseThrow()));
  }
}
