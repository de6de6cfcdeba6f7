package org.ncsha.filesync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ncsha.security.Sha256;

/**
 * One SHA-256 over a whole class folder's manifest (each file's path, size and hash, in path
 * order). The timers' runs compare whole classes every 11 and 500 seconds as a safety net;
 * with a digest of each class the receiver answers "the same" instead of listing every file,
 * so a run that finds nothing to do costs a look at each file's size and time on both servers,
 * not a manifest of every file on the wire (150,000 files: about 18 MB of JSON each tick).
 */
public final class ClassDigests {
  private ClassDigests() {}

  /**
   * The digest of each of these classes whose files' hashes are all known; a class with a file
   * not hashed yet (new or changed: the run has work anyway) has none, and is compared file by file.
   */
  public static Map<String, String> of(Collection<ManifestEntry> entries, Collection<FileClass> classes) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (FileClass c : classes) {
      List<ManifestEntry> of = inClass(entries, c.folder());
      if (of.stream().allMatch(e -> e.sha256() != null)) {
        digests.put(c.folder(), digest(of));
      }
    }
    return digests;
  }

  /** The folders of {@code sent} whose digest is also that of {@code entries} here. */
  public static Set<String> unchanged(Map<String, String> sent, Collection<ManifestEntry> entries) {
    Set<String> same = new java.util.TreeSet<>();
    sent.forEach((folder, digest) -> {
      if (FileClass.ofFolder(folder).isPresent() && digest.equals(digest(inClass(entries, folder)))) {
        same.add(folder);
      }
    });
    return same;
  }

  /** The entries outside the folders {@code unchanged}: what is left to compare file by file. */
  public static List<ManifestEntry> without(Collection<ManifestEntry> entries, Collection<String> unchanged) {
    return entries.stream().filter(e -> !unchanged.contains(folderOf(e.path()))).toList();
  }

  private static List<ManifestEntry> inClass(Collection<ManifestEntry> entries, String folder) {
    List<ManifestEntry> of = new ArrayList<>();
    for (ManifestEntry e : entries) {
      if (folder.equals(folderOf(e.path()))) {
        of.add(e);
      }
    }
    return of;
  }

  private static String folderOf(String path) {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  static String digest(List<ManifestEntry> entries) {
    MessageDigest sha = Sha256.digest();
    // Separators that no path contains (SyncPath refuses control characters): no two manifests
    // give the same text.
    entries.stream().sorted(Comparator.comparing(ManifestEntry::path)).forEach(e -> {
      sha.update(e.path().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Long.toString(e.size()).getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) 0);
      sha.update(e.sha256().getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) '\n');
    });
    return Sha256.hex(sha);
  }
}
