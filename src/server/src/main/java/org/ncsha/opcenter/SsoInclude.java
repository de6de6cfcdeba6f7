package org.ncsha.opcenter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Whether one of the Single Sign-On includes (the provider's, the client's) configures its element
 * now: the login mechanism asks on page requests, so the file is read again only when its
 * modification time changes.
 */
final class SsoInclude {
  private final String element;
  private volatile Map.Entry<FileTime, Boolean> seen = Map.entry(FileTime.fromMillis(0), false);

  /** {@code element}: the configuration element that is there when the feature is on, e.g. "openidConnectClient". */
  SsoInclude(String element) {
    this.element = "<" + element + " ";
  }

  boolean configures(Path file) {
    try {
      FileTime time = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
      Map.Entry<FileTime, Boolean> s = seen;
      if (!time.equals(s.getKey())) {
        s = Map.entry(time, time.toMillis() > 0 && Files.readString(file).contains(element));
        seen = s;
      }
      return s.getValue();
    } catch (IOException e) {
      return false;
    }
  }
}
