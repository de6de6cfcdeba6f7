package org.ncsha.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.ncsha.filesync.SyncPath;

/**
 * Where paths of the file area are on disk, refused when the path or a folder on its way is a
 * symbolic link. One instance serves one batch and remembers the folders it has looked at: the
 * files of a batch share their folders, and looking at every folder of every file again (three
 * or four each) was most of the time a receiver spent checking a batch of small files.
 */
final class AreaPaths {
  /** Where a file goes, and whether a file was there when its path was checked. */
  record Target(Path file, boolean existed) {}

  private final Path root;
  /** Folders looked at: true when present (and not a link), false when absent. */
  private final Map<Path, Boolean> folders = new HashMap<>();

  AreaPaths(Path root) {
    this.root = root;
  }

  Target target(SyncPath path) throws FileArea.Refused {
    Path file = root.resolve(path.path()).normalize();
    if (!file.startsWith(root.resolve(path.fileClass().folder()))) {
      throw new FileArea.Refused("path: outside the file area: " + path);
    }
    if (!folderPresent(file.getParent())) {
      // Nothing, not even a link, can be at a path whose folder does not exist.
      return new Target(file, false);
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return new Target(file, false);
    } catch (IOException e) {
      // Not readable as a file (a file where a folder should be): writing there fails in its turn.
      return new Target(file, false);
    }
    if (a.isSymbolicLink()) {
      throw new FileArea.Refused("path: " + path + " is a symbolic link, which the file area does not follow");
    }
    return new Target(file, true);
  }

  /** Whether a folder inside the area exists; refused when it or a folder above it is a symbolic link. */
  private boolean folderPresent(Path folder) throws FileArea.Refused {
    // The folders not looked at yet, from this one up, then looked at from the top down: below
    // an absent folder everything is absent.
    Deque<Path> unknown = new ArrayDeque<>();
    Boolean present = null;
    for (Path p = folder; !p.equals(root); p = p.getParent()) {
      present = folders.get(p);
      if (present != null) {
        break;
      }
      unknown.push(p);
    }
    boolean above = present == null || present;
    while (!unknown.isEmpty()) {
      Path p = unknown.pop();
      above = above && lookAt(p);
      folders.put(p, above);
    }
    return above;
  }

  private boolean lookAt(Path folder) throws FileArea.Refused {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return false;
    }
    if (a.isSymbolicLink()) {
      throw new FileArea.Refused("path: " + root.relativize(folder) + " is a symbolic link, which the file area does not follow");
    }
    return true;
  }
}
