package org.ncsha.opcenter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ncsha.files.FileArea;
import org.ncsha.filesync.SyncPath;

/**
 * Seals the managed instances' passwords (AES-256-GCM) under a key that lives in the file area
 * ({@link #KEY}), not in the database: a copy of the database alone reveals no password, and
 * file sync gives the secondary Operations Center the key with the rest of its settings. The
 * instance's address is the sealed text's associated data, so a sealed password moved to
 * another row does not open.
 */
public final class PasswordSeal {
  /** The key's place in the file area (the settings class, near-real-time). */
  public static final SyncPath KEY = SyncPath.of("settings/operations-center/instances.key");
  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String VERSION = "v1:";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FileArea area;

  public PasswordSeal(FileArea area) {
    this.area = area;
  }

  /** Why a sealed password cannot be opened, worded for the administrator. */
  public static final class Unopenable extends Exception {
    Unopenable(String message) {
      super(message);
    }
  }

  /** Makes the key when there is none yet (on the active server, at activation); true when it made one. */
  public synchronized boolean ensureKey() throws IOException, FileArea.Refused {
    if (key().isPresent()) {
      return false;
    }
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    area.write(KEY, Base64.getEncoder().encode(key));
    return true;
  }

  public String seal(String password, String address) throws IOException, FileArea.Refused, Unopenable {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, address);
      byte[] sealed = c.doFinal(password.getBytes(StandardCharsets.UTF_8));
      return VERSION + Base64.getEncoder().encodeToString(nonce) + ":" + Base64.getEncoder().encodeToString(sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  public char[] open(String sealed, String address) throws IOException, FileArea.Refused, Unopenable {
    String[] parts = sealed.startsWith(VERSION) ? sealed.substring(VERSION.length()).split(":") : new String[0];
    if (parts.length != 2) {
      throw new Unopenable("the stored password is not in a form this version reads; add the instance again");
    }
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(parts[0]), address);
      byte[] plain = c.doFinal(Base64.getDecoder().decode(parts[1]));
      return new String(plain, StandardCharsets.UTF_8).toCharArray();
    } catch (javax.crypto.AEADBadTagException | IllegalArgumentException e) {
      throw new Unopenable("the stored password does not open with this server's key (" + KEY
          + " differs from the one it was sealed with); add the instance again");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, String address)
      throws GeneralSecurityException, IOException, FileArea.Refused, Unopenable {
    byte[] key = key().orElseThrow(() -> new Unopenable("this server has no " + KEY + " yet (file sync brings it from"
        + " the server that activated the Operations Center)"));
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(address.getBytes(StandardCharsets.UTF_8));
    return c;
  }

  private Optional<byte[]> key() throws IOException, FileArea.Refused {
    Optional<byte[]> text = area.read(KEY, 1024);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(new String(text.get(), StandardCharsets.US_ASCII).strip());
    } catch (IllegalArgumentException e) {
      throw new IOException(KEY + " is not a Base64 key", e);
    }
    if (key.length != KEY_BYTES) {
      throw new IOException(KEY + " holds " + key.length + " bytes, not " + KEY_BYTES);
    }
    return Optional.of(key);
  }
}
