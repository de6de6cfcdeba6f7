package org.ncsha.software;

import java.nio.file.Path;

/**
 * Where a node keeps its software updates, {@code <node>/software}: the uploaded bundles (each
 * beside its verified manifest), the application staged for the next start, the previous
 * application kept for rollback, and the two files the server and the launcher hand each other.
 */
public record SoftwareArea(Path dir) {
  public Path uploads() {
    return dir.resolve("uploads");
  }

  public Path bundle(String patchId) {
    return uploads().resolve(patchId + ".zip");
  }

  /** The manifest of an uploaded bundle, kept so that listing does not read every bundle again. */
  public Path manifest(String patchId) {
    return uploads().resolve(patchId + ".properties");
  }

  public Path staged() {
    return dir.resolve("staged/ncs-ha.ear");
  }

  public Path previous() {
    return dir.resolve("previous/ncs-ha.ear");
  }

  public Path pending() {
    return dir.resolve("pending.properties");
  }

  /** Left by the launcher when it rolled an install back: the pending install's fields and the reason. */
  public Path rolledBack() {
    return dir.resolve("rolled-back.properties");
  }

  /** The rolling update this server (the primary) runs or last ran: kept across its own restart. */
  public Path rolling() {
    return dir.resolve("rolling.properties");
  }
}
