package org.ncsha.update;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  /**
   * Left in the node directory by {@code ncs node init}, holding the time it put the
   * installation's application in place: no update installed before then runs any more.
   */
  public static final String APPLICATION_PLACED = "software/application-placed";

  /**
   * One row of a server's Status of Updates: the patch, whether it was installed (or rolled back,
   * withdrawn), the version it installs, and when.
   */
  public record Outcome(String patchId, boolean installed, String version, java.time.Instant at) {}

  /**
   * The patches installed on a server running {@code running}, oldest first, from its Status of
   * Updates in the order the rows were written: a later row of a patch replaces an earlier one
   * (a patch rolled back after its version had started and recorded it), and a patch whose
   * version is later than the running one is not running ({@code ncs node init} put the
   * installation's application back), so installing it again is allowed. Nor is a patch
   * installed before {@code applicationPlaced} (null: never), when node init put the
   * installation's application in place, whatever its version: a hotfix of the running version
   * is gone too.
   */
  public static Set<String> installed(List<Outcome> rows, Version running, java.time.Instant applicationPlaced) {
    Set<String> installed = new LinkedHashSet<>();
    for (Outcome row : rows) {
      boolean replacedSince = applicationPlaced != null && row.at() != null && row.at().isBefore(applicationPlaced);
      if (row.installed() && !laterThan(row.version(), running) && !replacedSince) {
        installed.add(row.patchId());
      } else {
        installed.remove(row.patchId());
      }
    }
    return installed;
  }

  private static boolean laterThan(String version, Version running) {
    try {
      return Version.parse("version", version).compareTo(running) > 0;
    } catch (IllegalArgumentException e) {
      return false; // a row written before versions were checked: as it says
    }
  }
}
