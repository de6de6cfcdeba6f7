package org.ncsha.software;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Properties;
import org.ncsha.update.BundleManifest;

/**
 * An install handed to the launcher ({@code ncs-server}, which swaps the application while the
 * server is stopped): what it installs and from which version. Written as properties that the
 * launcher reads with sed; after a rollback the launcher leaves them, with its reason, in
 * {@link SoftwareArea#rolledBack}.
 */
public record PendingInstall(String patchId, String name, String version, String fromVersion, String published,
    String description) {

  public static PendingInstall of(BundleManifest m, String fromVersion) {
    return new PendingInstall(m.patchId(), m.name(), m.version().toString(), fromVersion, m.published().toString(),
        m.description());
  }

  public String text() throws IOException {
    Properties p = new Properties();
    p.setProperty("patch.id", patchId);
    p.setProperty("name", name);
    p.setProperty("version", version);
    p.setProperty("from.version", fromVersion);
    p.setProperty("published", published);
    p.setProperty("description", description);
    Writer out = new StringWriter();
    p.store(out, "An update the launcher installs at the next start (docs/operations.md)");
    return out.toString();
  }

  public static PendingInstall read(Reader in) throws IOException {
    Properties p = new Properties();
    p.load(in);
    return new PendingInstall(p.getProperty("patch.id", "?"), p.getProperty("name", "?"), p.getProperty("version", "?"),
        p.getProperty("from.version", "?"), p.getProperty("published", "?"), p.getProperty("description", ""));
  }
}
