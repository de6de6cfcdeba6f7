package org.ncsha.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
    assertEquals(AuthKeys.peerSecret("Ha-Secret-9k".toCharArray(), store.peerSalt()), store.peerSecret().orElseThrow());
  }

  @Test
  void eachInstallationHasItsOwnSaltWhichKeyChangesKeepAndRegistrationReplaces() throws Exception {
    AuthKeyStore one = AuthKeyStore.forNode(nodeDir.resolve("one"));
    AuthKeyStore two = AuthKeyStore.forNode(nodeDir.resolve("two"));
    one.set("Ha-Secret-9k".toCharArray());
    two.set("Ha-Secret-9k".toCharArray());
    assertNotEquals(one.peerSalt(), two.peerSalt(), "two installations, two salts");
    assertNotEquals(one.peerSecret().orElseThrow(), two.peerSecret().orElseThrow(), "the same key gives each its own secret");

    String salt = one.peerSalt();
    one.set("Other-Key-22".toCharArray());
    assertEquals(salt, one.peerSalt(), "a key change keeps the pair's salt");
    assertEquals(AuthKeys.peerSecret("Other-Key-22".toCharArray(), salt), one.peerSecret().orElseThrow());
    one.offer("Third-Key-33".toCharArray(), java.time.Instant.now());
    one.promotePending(java.time.Instant.now());
    assertEquals(salt, one.peerSalt(), "taking the peer's offered key keeps it too");
    assertEquals(one.secretFor("Third-Key-33".toCharArray()), one.peerSecret().orElseThrow());

    // Registration: the primary takes the secondary's salt, and both derive one secret.
    two.set("Third-Key-33".toCharArray(), one.peerSalt());
    assertEquals(one.peerSecret().orElseThrow(), two.peerSecret().orElseThrow());
  }

  @Test
  void aKeyFileFromBeforePairSaltsKeepsItsSecret() throws Exception {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    Files.createDirectories(store.file().getParent());
    String legacy = AuthKeys.peerSecret("Ha-Secret-9k".toCharArray(), AuthKeys.LEGACY_PEER_SALT);
    Files.writeString(store.file(), "verifier=" + AuthKeys.verifier("Ha-Secret-9k".toCharArray()) + "\npeer.secret=" + legacy + "\n");
    assertEquals(AuthKeys.LEGACY_PEER_SALT, store.peerSalt());
    store.set("Other-Key-22".toCharArray());
    assertEquals(AuthKeys.LEGACY_PEER_SALT, store.peerSalt(), "its peer still derives with the old salt");
    assertEquals(legacy, store.previousSecret(java.time.Instant.now()).orElseThrow());
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

  @Test
  void an_offered_key_is_accepted_but_not_used_until_taken_then_the_old_one_stays_accepted_for_the_grace() {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    store.set("Old-Pair-Key-1".toCharArray());
    String oldSecret = store.peerSecret().orElseThrow();
    String newSecret = AuthKeys.peerSecret("New-Pair-Key-2".toCharArray(), store.peerSalt());
    java.time.Instant t0 = java.time.Instant.now();

    store.offer("New-Pair-Key-2".toCharArray(), t0);
    assertEquals(oldSecret, store.peerSecret().orElseThrow(), "an offer does not change what this server signs with");
    assertTrue(store.verify("Old-Pair-Key-1".toCharArray()), "nor the login");
    assertEquals(newSecret, store.pendingSecret(t0).orElseThrow());
    assertFalse(readFile().contains("New-Pair-Key-2"), "the key itself is never stored");

    assertTrue(store.promotePending(t0.plusSeconds(5)));
    assertEquals(newSecret, store.peerSecret().orElseThrow());
    assertTrue(store.verify("New-Pair-Key-2".toCharArray()));
    assertTrue(store.pendingSecret(t0.plusSeconds(5)).isEmpty());
    assertEquals(oldSecret, store.previousSecret(t0.plusSeconds(5)).orElseThrow(), "the old key is accepted a while");
    assertTrue(store.previousSecret(t0.plusSeconds(5).plus(AuthKeyStore.GRACE)).isEmpty(), "then no more");
    assertFalse(store.promotePending(t0.plusSeconds(6)), "nothing left to take");
  }

  @Test
  void an_offer_never_used_lapses_and_a_new_set_drops_it() {
    AuthKeyStore store = AuthKeyStore.forNode(nodeDir);
    store.set("Old-Pair-Key-1".toCharArray());
    java.time.Instant t0 = java.time.Instant.now();
    store.offer("New-Pair-Key-2".toCharArray(), t0);
    assertFalse(store.promotePending(t0.plus(AuthKeyStore.GRACE)), "an offer its sender never used lapses");
    assertEquals(AuthKeys.peerSecret("Old-Pair-Key-1".toCharArray(), store.peerSalt()), store.peerSecret().orElseThrow());

    store.offer("New-Pair-Key-2".toCharArray(), t0);
    store.set("Third-Pair-Key-3".toCharArray());
    assertTrue(store.pendingSecret(t0).isEmpty(), "a key set here replaces any offer");
  }

  private String readFile() {
    try {
      return Files.readString(nodeDir.resolve("etc/authkey.properties"), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
