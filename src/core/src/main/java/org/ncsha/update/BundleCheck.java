package org.ncsha.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether an update bundle may be installed, decided before anything is touched: its content is
 * exactly what its manifest lists, byte for byte, and it applies to what this server runs. Each
 * problem names the manifest field or part and the rule it breaks.
 */
public final class BundleCheck {
  /** What a server has installed: its version and the patch ids of the bundles installed on it. */
  public record Installed(Version version, Set<String> patchIds) {
    public Installed {
      patchIds = Set.copyOf(patchIds);
    }
  }

  private BundleCheck() {}

  /**
   * The bundle's content against its manifest: {@code actual} maps each entry of the bundle but
   * the manifest itself to its SHA-256.
   */
  public static List<String> contentProblems(BundleManifest manifest, Map<String, String> actual) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> part : new java.util.TreeMap<>(manifest.parts()).entrySet()) {
      String sha = actual.get(part.getKey());
      if (sha == null) {
        problems.add("part." + part.getKey() + ": listed in the manifest but not in the bundle");
      } else if (!sha.equals(part.getValue())) {
        problems.add("part." + part.getKey() + ": its SHA-256 is " + sha + ", the manifest says " + part.getValue()
            + ": the bundle was altered or damaged");
      }
    }
    for (String entry : new TreeSet<>(actual.keySet())) {
      if (!manifest.parts().containsKey(entry)) {
        problems.add(entry + ": in the bundle but not listed in its manifest (a bundle holds only what its manifest lists)");
      }
    }
    return problems;
  }

  /** Whether the bundle applies to what this server runs. */
  public static List<String> applicabilityProblems(BundleManifest manifest, Installed installed) {
    List<String> problems = new ArrayList<>();
    if (manifest.appliesFrom().compareTo(installed.version()) > 0) {
      problems.add("applies.from: this update applies to version " + manifest.appliesFrom() + " or later; this server runs "
          + installed.version());
    }
    if (manifest.version().compareTo(installed.version()) < 0) {
      problems.add("version: " + manifest.version() + " is older than the installed " + installed.version()
          + "; going back is a restore (ncs restore), not an update");
    }
    if (installed.patchIds().contains(manifest.patchId())) {
      problems.add("patch.id: " + manifest.patchId() + " is installed already");
    }
    return problems;
  }

  /** States in which something is under way that a restart would break. */
  private static final Set<org.ncsha.ha.HaState> UNDER_WAY = java.util.EnumSet.of(org.ncsha.ha.HaState.HA_INITIALIZING,
      org.ncsha.ha.HaState.PRIMARY_UNCERTAIN, org.ncsha.ha.HaState.PRIMARY_FAILOVER, org.ncsha.ha.HaState.PRIMARY_FAILBACK,
      org.ncsha.ha.HaState.SECONDARY_UNCERTAIN, org.ncsha.ha.HaState.SECONDARY_FAILOVER,
      org.ncsha.ha.HaState.SECONDARY_FAILBACK, org.ncsha.ha.HaState.SECONDARY_POST_FAILBACK);

  /**
   * Why this server cannot restart into an update in {@code state}, if it cannot: not while a
   * registration, failover or failback runs, whose steps a restart would cut in the middle.
   */
  public static Optional<String> stateProblem(org.ncsha.ha.HaState state) {
    if (UNDER_WAY.contains(state)) {
      return Optional.of("An update cannot be installed in state " + state.displayName()
          + ": a registration, failover or failback is under way; install when it has ended");
    }
    return Optional.empty();
  }

  /** Why the bundle cannot be installed on a server of a configured pair, if it cannot. */
  public static Optional<String> haProblem(BundleManifest manifest, boolean haConfigured) {
    if (haConfigured && manifest.ha() == BundleManifest.HaCompatibility.REQUIRES_HA_REMOVAL) {
      return Optional.of("ha.compatibility: this update cannot be installed while HA is configured (its database changes "
          + "do not work with the version the other server runs until that one is updated too): remove HA "
          + "(Administration > Settings > High Availability > Remove HA), update both servers, then register again");
    }
    return Optional.empty();
  }
}
