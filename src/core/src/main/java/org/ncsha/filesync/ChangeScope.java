package org.ncsha.filesync;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * What a file-sync run compares: whole class folders (the timers' rescans, a failback's complete
 * run), or only the entries of a class folder that the watch saw change (each a file or folder
 * directly in it: "reports/archive" for anything saved under it). A change then costs in
 * proportion to what changed, not to the whole area, on both servers.
 *
 * @param wholeClasses classes compared whole
 * @param entries first-level entries ("class/name") compared, in classes not compared whole
 */
public record ChangeScope(Set<FileClass> wholeClasses, Set<String> entries) implements java.io.Serializable {
  /** More entries of one class than this in a run, and the class is compared whole. */
  public static final int MAX_ENTRIES_PER_CLASS = 64;

  public ChangeScope {
    wholeClasses = Set.copyOf(wholeClasses);
    Set<String> kept = new HashSet<>();
    for (String e : entries) {
      if (!wholeClasses.contains(classOf(e))) {
        kept.add(e);
      }
    }
    entries = Set.copyOf(kept);
  }

  public static ChangeScope whole(Collection<FileClass> classes) {
    return new ChangeScope(classes.isEmpty() ? Set.of() : EnumSet.copyOf(classes), Set.of());
  }

  /**
   * The scope of changes the watch saw: each changed path (area-relative, '/'-separated) counts
   * as its first-level entry; a change of a class folder itself, a lost event ({@code
   * overflowed}), a name no path may have, or too many entries of one class make that class whole.
   */
  public static ChangeScope ofChanges(Collection<String> changedPaths, Collection<FileClass> overflowed) {
    Set<FileClass> whole = overflowed.isEmpty() ? EnumSet.noneOf(FileClass.class) : EnumSet.copyOf(overflowed);
    Set<String> entries = new HashSet<>();
    for (String path : changedPaths) {
      String[] segments = path.split("/", 3);
      FileClass c = FileClass.ofFolder(segments[0]).orElse(null);
      if (c == null) {
        continue;
      }
      String entry = segments.length < 2 ? null : segments[0] + "/" + segments[1];
      if (entry == null || !travels(entry)) {
        // The class folder itself changed, or a name no path may have: compared whole, as a timer does.
        whole.add(c);
      } else {
        entries.add(entry);
      }
    }
    for (FileClass c : FileClass.values()) {
      if (entries.stream().filter(e -> classOf(e) == c).count() > MAX_ENTRIES_PER_CLASS) {
        whole.add(c);
      }
    }
    return new ChangeScope(whole, entries);
  }

  private static boolean travels(String entry) {
    try {
      SyncPath.of(entry);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Every class the scope touches. */
  public Set<FileClass> classes() {
    Set<FileClass> all = EnumSet.noneOf(FileClass.class);
    all.addAll(wholeClasses);
    entries.forEach(e -> all.add(classOf(e)));
    return all;
  }

  /** Whether only whole classes are compared (a complete comparison of them). */
  public boolean whole() {
    return entries.isEmpty();
  }

  public boolean isEmpty() {
    return wholeClasses.isEmpty() && entries.isEmpty();
  }

  /** Whether a path of the area lies in the scope. */
  public boolean covers(String path) {
    int slash = path.indexOf('/');
    FileClass c = FileClass.ofFolder(slash < 0 ? path : path.substring(0, slash)).orElse(null);
    if (c == null) {
      return false;
    }
    if (wholeClasses.contains(c)) {
      return true;
    }
    for (String e : entries) {
      if (path.equals(e) || path.startsWith(e + "/")) {
        return true;
      }
    }
    return false;
  }

  private static FileClass classOf(String entry) {
    return FileClass.ofFolder(entry.substring(0, entry.indexOf('/'))).orElseThrow();
  }

  @Override
  public String toString() {
    return whole() ? "classes " + wholeClasses : "classes " + wholeClasses + " and " + entries.size() + " changed entr"
        + (entries.size() == 1 ? "y" : "ies");
  }
}
