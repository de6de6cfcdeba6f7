package org.ncsha.software;

import java.io.IOException;
import java.io.Reader;
import java.util.Properties;

/**
 * What the launcher did with a pending install that did not complete: {@code rolled-back} (the new
 * version did not answer; the previous application runs again) with the launcher's reason.
 */
public record InstallOutcome(boolean installed, String reason) {
  public static InstallOutcome read(Reader in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    return new InstallOutcome("installed".equals(p.getProperty("result")), p.getProperty("reason", ""));
  }
}
