package org.ncsha.files;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import org.ncsha.filesync.ChangeScope;
import org.ncsha.filesync.FileClass;

/**
 * Watches the class folders and their subfolders (a WatchService is not recursive, so each
 * folder made is registered as it appears) and hands what changed to {@code changed}, once the
 * burst of events of one save has settled (a short quiet period), on a thread of its own: the
 * changed entries of the class folders ({@link ChangeScope}), or a whole class when events were
 * lost (an overflow).
 *
 * <p>It watches only while this server is the source of the files, as the file sync's timers tell
 * it ({@link #follow}, at each run): on the passive server every received file was an event to
 * read and drop, two thread wake-ups a file, which took the CPU the receiving needed (10,000 files
 * arriving were 20,000 wake-ups on a 2-core machine). When the server starts sending, the whole
 * area is handed over once, since what changed before the watch began was not seen. The role is
 * told, not asked: asked from this thread at start, it created the Health Monitor's beans there,
 * ahead of the container's own order, and a start with the database down waited minutes on them.
 */
final class FolderWatch {
  private static final Logger LOG = Logger.getLogger(FolderWatch.class.getName());
  /** A save is often several events (create, write, rename): one run for all of them. */
  private static final long QUIET_MILLIS = 50;
  /** How often the thread looks at the role it was told (and whether it is stopped) while nothing happens. */
  private static final long ROLE_CHECK_MILLIS = 1000;

  private final Path root;
  /** Whether this server sends, as last told; null before the first run told it. */
  private volatile Boolean sending;
  /** Told the scope to compare and why: "watch began" (every class) or "changed". */
  private final BiConsumer<ChangeScope, String> changed;
  /** Open while watching, null otherwise; only the watch's own thread changes it. */
  private WatchService service;
  private volatile boolean stopped;
  /** Why the watch could not begin, said once until it begins or the reason changes. */
  private String watchProblem;
  private Thread thread;

  FolderWatch(Path root, BiConsumer<ChangeScope, String> changed) {
    this.root = root;
    this.changed = changed;
  }

  /** Whether this server is the source of the files now; the watch begins or ends within a second. */
  void follow(boolean sends) {
    sending = sends;
  }

  void start() {
    thread = new Thread(this::run, "ncs-file-watch");
    thread.setDaemon(true);
    thread.start();
  }

  void stop() {
    stopped = true;
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Starts or ends watching as the role asks; true while watching. */
  private boolean followRole() {
    boolean wanted = Boolean.TRUE.equals(sending);
    if (wanted && service == null) {
      try {
        service = FileSystems.getDefault().newWatchService();
        for (FileClass c : FileClass.values()) {
          registerTree(root.resolve(c.folder()));
        }
      } catch (IOException e) {
        // Tried again each second (a limit of inotify watches may be raised meanwhile), said once.
        if (!String.valueOf(e.getMessage()).equals(watchProblem)) {
          watchProblem = String.valueOf(e.getMessage());
          LOG.warning("File sync: cannot watch " + root + " (" + watchProblem + "): changes travel with the timers only");
        }
        close();
        return false;
      }
      watchProblem = null;
      handOver(ChangeScope.whole(EnumSet.allOf(FileClass.class)), "watch began");
    } else if (!wanted && service != null) {
      close();
    }
    return service != null;
  }

  private void close() {
    try {
      if (service != null) {
        service.close();
      }
    } catch (IOException e) {
      LOG.fine("Closing the file watch: " + e.getMessage());
    }
    service = null;
  }

  private void registerTree(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
        StandardWatchEventKinds.ENTRY_MODIFY);
    // Registered before it is looked through: a folder made in it from now on is an event.
    if (!mayHoldFolders(folder)) {
      return;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
          registerTree(child);
        }
      }
    }
  }

  /**
   * Whether a folder may hold folders. On Linux's usual file systems (ext4, XFS, tmpfs) a
   * folder's link count is 2 plus its subfolders (each one's ".." is a link to it), so a count
   * of 2 means none, and the stat of each of its files, only to find that none is a folder, is
   * saved: a folder of 10,000 files moved in took 50 ms to look through, on each server. Where
   * the count is not kept that way (1 on btrfs) the folder is looked through.
   */
  private static boolean mayHoldFolders(Path folder) {
    try {
      return !Integer.valueOf(2).equals(Files.getAttribute(folder, "unix:nlink", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return true;
    }
  }

  private void run() {
    try {
      while (!stopped) {
        if (!followRole()) {
          Thread.sleep(ROLE_CHECK_MILLIS);
          continue;
        }
        Set<String> paths = new HashSet<>();
        Set<FileClass> overflowed = EnumSet.noneOf(FileClass.class);
        WatchKey key = service.poll(ROLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        while (key != null) {
          collect(key, paths, overflowed);
          key = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
        }
        handOver(ChangeScope.ofChanges(paths, overflowed), "changed");
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // Stopped.
    } finally {
      close();
    }
  }

  private void handOver(ChangeScope scope, String why) {
    if (!scope.isEmpty()) {
      try {
        changed.accept(scope, why);
      } catch (RuntimeException e) {
        LOG.warning("File sync after a change failed (the timers try again): " + e);
      }
    }
  }

  private void collect(WatchKey key, Set<String> paths, Set<FileClass> overflowed) {
    Path dir = (Path) key.watchable();
    Path relative = root.relativize(dir);
    List<WatchEvent<?>> events = key.pollEvents();
    for (WatchEvent<?> event : events) {
      if (event.kind() == StandardWatchEventKinds.OVERFLOW || event.context() == null) {
        FileClass.ofFolder(relative.getName(0).toString()).ifPresent(overflowed::add);
      } else {
        paths.add(relative.resolve((Path) event.context()).toString().replace(java.io.File.separatorChar, '/'));
      }
    }
    // Looked at after the events are taken: a folder made before is counted.
    boolean mayHoldFolders = events.stream().anyMatch(e -> e.kind() == StandardWatchEventKinds.ENTRY_CREATE)
        && mayHoldFolders(dir);
    for (WatchEvent<?> event : events) {
      if (event.kind() != StandardWatchEventKinds.ENTRY_CREATE || !mayHoldFolders) {
        continue;
      }
      Path child = dir.resolve((Path) event.context());
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        try {
          registerTree(child);
        } catch (IOException e) {
          LOG.warning("File sync: cannot watch " + child + ": " + e.getMessage() + " (the timers still send it)");
        }
      }
    }
    key.reset();
  }
}
