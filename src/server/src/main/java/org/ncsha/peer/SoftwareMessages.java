package org.ncsha.peer;

/** The peer protocol of a rolling update: the primary sends the bundle, has it installed, and asks how it went. */
public final class SoftwareMessages {
  private SoftwareMessages() {}

  public static final String BUNDLE_PATH = "/api/peer/software/bundle";
  public static final String INSTALL_PATH = "/api/peer/software/install";
  public static final String STATUS_PATH = "/api/peer/software/status";

  /**
   * The signed part before a bundle's bytes: the receiver keeps them only if their SHA-256 is
   * this one, which covers the whole file (its size, and the patch id in its manifest, too).
   */
  public record BundleOffer(String patchId, String sha256, long size) {}

  /** Install a bundle sent before; or, for {@link #STATUS_PATH}, the patch asked about. */
  public record InstallRequest(String patchId) {}

  /**
   * The receiver's software for one patch: its version, whether the patch is installed, and the
   * patch's last Status of Updates row (null fields: none).
   */
  public record SoftwareStatus(String version, boolean patchInstalled, String lastStatus, String lastDetail,
      String lastAt) {
    public static SoftwareStatus of(org.ncsha.update.RollingRules.Software s) {
      return new SoftwareStatus(s.version(), s.patchInstalled(), s.lastStatus(), s.lastDetail(),
          s.lastAt() == null ? null : s.lastAt().toString());
    }

    public org.ncsha.update.RollingRules.Software software() {
      return new org.ncsha.update.RollingRules.Software(version, patchInstalled, lastStatus, lastDetail,
          lastAt == null ? null : java.time.Instant.parse(lastAt));
    }
  }

  public record Reply(String message) {}
}
