package org.ncsha.opcenter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.files.FileArea;

class PasswordSealTest {
  @TempDir Path dir;
  private FileArea area;

  @BeforeEach
  void area() {
    area = new FileArea(dir.resolve("files"), 1 << 20);
    area.prepare();
  }

  @Test
  void a_sealed_password_opens_for_its_address_only_and_is_not_stored_in_clear() throws Exception {
    PasswordSeal seal = new PasswordSeal(area);
    assertTrue(seal.ensureKey());
    assertFalse(seal.ensureKey(), "a second activation keeps the key");
    String sealed = seal.seal("S3cret-pw!", "pi-a.example.com");
    assertFalse(sealed.contains("S3cret"));
    assertTrue(sealed.startsWith("v1:"));
    assertArrayEquals("S3cret-pw!".toCharArray(), seal.open(sealed, "pi-a.example.com"));
    assertTrue(assertThrows(PasswordSeal.Unopenable.class, () -> seal.open(sealed, "pi-b.example.com")).getMessage()
        .contains("does not open with this server's key"));
    assertTrue(Files.isRegularFile(area.root().resolve("settings/operations-center/instances.key")),
        "the key is in the file area's settings class, which file sync carries to the secondary");
  }

  @Test
  void the_secondary_opens_what_the_primary_sealed_once_it_has_the_key_and_not_before() throws Exception {
    PasswordSeal primary = new PasswordSeal(area);
    primary.ensureKey();
    String sealed = primary.seal("pw", "10.0.0.5");

    FileArea secondaryArea = new FileArea(dir.resolve("secondary"), 1 << 20);
    secondaryArea.prepare();
    PasswordSeal secondary = new PasswordSeal(secondaryArea);
    assertTrue(assertThrows(PasswordSeal.Unopenable.class, () -> secondary.open(sealed, "10.0.0.5")).getMessage()
        .contains("has no settings/operations-center/instances.key yet"));
    secondaryArea.write(PasswordSeal.KEY, area.read(PasswordSeal.KEY, 1024).orElseThrow());
    assertArrayEquals("pw".toCharArray(), secondary.open(sealed, "10.0.0.5"));
  }

  @Test
  void another_key_or_a_damaged_text_is_refused_with_what_to_do() throws Exception {
    PasswordSeal seal = new PasswordSeal(area);
    seal.ensureKey();
    String sealed = seal.seal("pw", "10.0.0.5");
    assertEquals("the stored password is not in a form this version reads; add the instance again",
        assertThrows(PasswordSeal.Unopenable.class, () -> seal.open("pw", "10.0.0.5")).getMessage());
    area.write(PasswordSeal.KEY, java.util.Base64.getEncoder().encode(new byte[32]));
    assertTrue(assertThrows(PasswordSeal.Unopenable.class, () -> seal.open(sealed, "10.0.0.5")).getMessage()
        .endsWith("add the instance again"));
    area.write(PasswordSeal.KEY, "short".getBytes(StandardCharsets.US_ASCII));
    assertThrows(java.io.IOException.class, () -> seal.seal("pw", "10.0.0.5"));
  }
}
