package org.ncsha.ha;

/** WAL distances as an administrator reads them in an event: "0 bytes", "983 kB", "16 MB". */
public final class Bytes {
  private Bytes() {}

  public static String describe(long bytes) {
    if (bytes < 1024) {
      return bytes + (bytes == 1 ? " byte" : " bytes");
    }
    if (bytes < 1024L * 1024) {
      return (bytes + 1023) / 1024 + " kB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024)).replace(".0 MB", " MB");
  }
}
