package org.ncsha.update;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The manifest of an update bundle ({@value #FILE} at the bundle's root), the stand-in for the
 * guide's UBF file's description: what the update is (name, version, patch id, published date,
 * description), which installed versions it applies to, whether a pair can take it one server
 * at a time, and the SHA-256 of the application it carries.
 */
public record BundleManifest(String name, Version version, String patchId, LocalDate published, String description,
    Version appliesFrom, HaCompatibility ha, Map<String, String> parts) {

  public static final String FILE = "bundle.properties";
  /**
   * The one part of a bundle: the application. Its schema migrations travel inside it (Flyway's
   * db/migration), so that the version that runs and the schema it expects never come apart, and
   * a rollback to the previous application is one file.
   */
  public static final String APPLICATION = "ncs-ha.ear";

  /** Whether {@code id} may be a patch id: a file of the uploads is named by it, so nothing else is. */
  public static boolean isPatchId(String id) {
    return id != null && id.length() <= 64 && id.matches("[A-Za-z0-9][A-Za-z0-9._-]*");
  }

  /** Whether the pair can run the old and the new version side by side while it is updated. */
  public enum HaCompatibility {
    /** The new version's migrations only add what the old version ignores: one server at a time. */
    ROLLING("rolling"),
    /** Not while HA is configured: remove HA, update both servers, register again. */
    REQUIRES_HA_REMOVAL("requires-ha-removal");

    private final String wireName;

    HaCompatibility(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public BundleManifest {
    parts = Map.copyOf(parts);
  }

  /** This manifest as {@link #FILE} holds it: {@link #parse} of the result gives it back. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.setProperty("name", name);
    p.setProperty("version", version.toString());
    p.setProperty("patch.id", patchId);
    p.setProperty("published", published.toString());
    p.setProperty("description", description);
    p.setProperty("applies.from", appliesFrom.toString());
    p.setProperty("ha.compatibility", ha.wireName());
    parts.forEach((part, sha) -> p.setProperty("part." + part, sha));
    return p;
  }

  /** The manifest written in {@code p}; IllegalArgumentException with every problem, each naming its field and rule. */
  public static BundleManifest parse(Properties p) {
    List<String> problems = new ArrayList<>();
    String name = text(p, "name", 64, problems);
    Version version = version(p, "version", problems);
    String patchId = text(p, "patch.id", 64, problems);
    if (patchId != null && !isPatchId(patchId)) {
      problems.add("patch.id: letters, digits, '.', '_' or '-', starting with a letter or digit, was " + patchId);
    }
    LocalDate published = null;
    String date = text(p, "published", 10, problems);
    if (date != null) {
      try {
        published = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        problems.add("published: a date as YYYY-MM-DD, was " + date);
      }
    }
    String description = text(p, "description", 1000, problems);
    Version appliesFrom = version(p, "applies.from", problems);
    HaCompatibility ha = null;
    String haText = text(p, "ha.compatibility", 32, problems);
    if (haText != null) {
      for (HaCompatibility c : HaCompatibility.values()) {
        if (c.wireName().equals(haText)) {
          ha = c;
        }
      }
      if (ha == null) {
        problems.add("ha.compatibility: rolling or requires-ha-removal, was " + haText);
      }
    }
    Map<String, String> parts = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("part.")) {
        String part = key.substring("part.".length());
        String sha = p.getProperty(key).trim();
        partProblem(part, sha).ifPresentOrElse(problems::add, () -> parts.put(part, sha));
      }
    }
    if (!parts.containsKey(APPLICATION) && problems.stream().noneMatch(s -> s.startsWith("part." + APPLICATION))) {
      problems.add("part." + APPLICATION + ": every bundle carries the application, and this manifest does not list it");
    }
    if (version != null && appliesFrom != null && appliesFrom.compareTo(version) > 0) {
      problems.add("applies.from: must not be later than version (" + appliesFrom + " > " + version + ")");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
    return new BundleManifest(name, version, patchId, published, description, appliesFrom, ha, parts);
  }

  private static java.util.Optional<String> partProblem(String part, String sha) {
    if (!sha.matches("[0-9a-f]{64}")) {
      return java.util.Optional.of("part." + part + ": a SHA-256 in 64 lower-case hex digits, was " + sha);
    }
    if (part.equals(APPLICATION)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("part." + part + ": a bundle holds " + APPLICATION + " only (its schema migrations "
        + "travel inside it)");
  }

  private static String text(Properties p, String field, int max, List<String> problems) {
    String value = p.getProperty(field);
    if (value == null || value.isBlank()) {
      problems.add(field + ": is required");
      return null;
    }
    value = value.trim();
    if (value.length() > max || value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      problems.add(field + ": at most " + max + " characters and no control characters");
      return null;
    }
    return value;
  }

  private static Version version(Properties p, String field, List<String> problems) {
    String value = text(p, field, 40, problems);
    if (value == null) {
      return null;
    }
    try {
      return Version.parse(field, value);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
      return null;
    }
  }
}
