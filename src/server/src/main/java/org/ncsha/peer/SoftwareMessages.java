package org.ncsha.peer;

/** The peer protocol of a rolling update: the primary sends the bundle, has it installed, and asks how it went. */
public final class SoftwareMessages {
  private SoftwareMessages() {}

  public static final String BUNDLE_PATH = "/api/peer/software/bundle";
  public static final String INSTALL_PATH = "/api/peer/software/install";
  public static final String STATUS_PATH = "/api/peer/software/status";

  /** The signed part before a bundle's bytes: the receiver keeps them only if they match. */
  public record BundleOffer(String patchId, String sha256, long size) {}

  public record InstallRequest(String patchId) {}

  /**
   * The receiver's software: its version and its last Status of Updates row (null fields: none).
   */
  public record SoftwareStatus(String version, String lastPatchId, String lastStatus, String lastDetail) {}

  public record Reply(String message) {}
}
