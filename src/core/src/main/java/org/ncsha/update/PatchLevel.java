package org.ncsha.update;

import java.util.Collection;
import java.util.TreeSet;

/**
 * A server's version and the patches installed on it, as one text that registration and the
 * readiness check compare: the guide requires "the same version and patch level" on both servers.
 */
public final class PatchLevel {
  private PatchLevel() {}

  /** "0.1.1", or "0.1.1 with patches a, b" (the patches in order, so that equal levels read equal). */
  public static String describe(String version, Collection<String> patchIds) {
    return patchIds.isEmpty() ? version : version + " with patches " + String.join(", ", new TreeSet<>(patchIds));
  }
}
