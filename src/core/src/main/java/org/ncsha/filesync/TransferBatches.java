package org.ncsha.filesync;

import java.util.ArrayList;
import java.util.List;

/**
 * How a run's files are grouped into requests. A request per file made 10,000 small files a
 * matter of a minute (each a round trip and a flush of its own); many small files now share
 * one request and one flush, while a large file still travels alone, so a cut transfer loses
 * at most one batch's worth.
 */
public final class TransferBatches {
  /** Files per request: the signed list of a full batch stays well under a megabyte. */
  public static final int MAX_FILES = 2000;
  /** Bytes per request, unless a single file is larger (it then travels alone). */
  public static final long MAX_BYTES = 64L * 1024 * 1024;

  private TransferBatches() {}

  /** The files in their order, cut into batches of at most {@code maxFiles} files and {@code maxBytes} bytes. */
  public static List<List<ManifestEntry>> split(List<ManifestEntry> files, int maxFiles, long maxBytes) {
    if (maxFiles < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("maxFiles and maxBytes: must be positive");
    }
    List<List<ManifestEntry>> batches = new ArrayList<>();
    List<ManifestEntry> current = new ArrayList<>();
    long bytes = 0;
    for (ManifestEntry e : files) {
      if (!current.isEmpty() && (current.size() == maxFiles || bytes + e.size() > maxBytes)) {
        batches.add(List.copyOf(current));
        current.clear();
        bytes = 0;
      }
      current.add(e);
      bytes += e.size();
    }
    if (!current.isEmpty()) {
      batches.add(List.copyOf(current));
    }
    return batches;
  }

  /** {@link #split(List, int, long)} with the product's limits. */
  public static List<List<ManifestEntry>> split(List<ManifestEntry> files) {
    return split(files, MAX_FILES, MAX_BYTES);
  }
}
