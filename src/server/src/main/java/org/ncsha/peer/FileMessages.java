package org.ncsha.peer;

import java.util.List;
import org.ncsha.filesync.ManifestEntry;

/**
 * The file-sync messages between the Health Monitors. A file travels as the raw body of a
 * request whose signed part is its {@link FileHeader} (path, size, SHA-256), carried in
 * {@link #FILE_HEADER}: the receiver checks the signature before it reads a byte and the hash
 * before the file takes its place, so the content is as authenticated as any peer message
 * without being held in memory.
 */
public final class FileMessages {
  private FileMessages() {}

  public static final String MANIFEST_PATH = "/api/peer/files/manifest";
  public static final String FILE_PATH = "/api/peer/files/file";
  public static final String DELETE_PATH = "/api/peer/files/delete";
  public static final String FILE_HEADER = "X-NCS-File";

  /** The classes (folders) whose files the sender compares. */
  public record ManifestRequest(List<String> classes) {}

  public record Manifest(List<ManifestEntry> entries) {}

  public record FileHeader(String path, long size, String sha256) {}

  public record DeleteRequest(List<String> paths) {}
}
