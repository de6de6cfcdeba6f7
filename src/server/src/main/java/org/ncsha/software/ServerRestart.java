package org.ncsha.software;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;

/**
 * Has this server stopped and started again by its launcher ({@code ncs-server restart}), which
 * installs a pending update in between. The JVM cannot restart itself: the launcher runs outside
 * it. Under systemd (the ncs-ha unit) a process the JVM started would die with the service, so there the JVM only
 * leaves a request that the ncs-ha-update path unit turns into {@code systemctl restart ncs-ha}
 * (liberty/systemd/); elsewhere (the lab, a server started by hand) it starts the launcher in a
 * session of its own, which outlives the JVM.
 */
@ApplicationScoped
public class ServerRestart {
  private static final Logger LOG = Logger.getLogger(ServerRestart.class.getName());

  @Inject NodeSettings node;

  /** Asks for the restart: true when it was asked of systemd (a file that a path unit must take). */
  public boolean request() throws IOException {
    if (inUnit(readCgroups())) {
      Path request = systemdRequest();
      Files.writeString(request, "restart\n");
      LOG.info("Asked systemd for a restart (" + request + ")");
      return true;
    }
    Path launcher = launcher();
    Path log = node.logDir().resolve("restart.log");
    ProcessBuilder pb = new ProcessBuilder("setsid", launcher.toString(), "restart")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("NCS_NODE_DIR", node.nodeDir().toString());
    pb.environment().put("NCS_WLP", System.getProperty("wlp.install.dir", ""));
    pb.start();
    LOG.info("Started " + launcher + " restart (its output: " + log + ")");
    return false;
  }

  /**
   * Whether this JVM runs in systemd's ncs-ha.service (its control group names the unit). Not a
   * variable systemd sets: every process started from any service inherits those, so a lab pair
   * started from a CI runner's service would take itself for the installed server.
   */
  static boolean inUnit(String cgroups) {
    return cgroups.lines().anyMatch(line -> line.endsWith("/ncs-ha.service"));
  }

  private static String readCgroups() {
    try {
      return Files.readString(Path.of("/proc/self/cgroup"));
    } catch (IOException e) {
      return "";
    }
  }

  /** The file the ncs-ha-update path unit waits for (liberty/systemd/ncs-ha-update.path). */
  public Path systemdRequest() {
    return node.nodeDir().resolve("software/restart.request");
  }

  /** The launcher beside the ncs command that made this node ('ncs node init' names it). */
  private static Path launcher() throws IOException {
    String bin = System.getProperty("ncs.bin.dir");
    Path launcher = bin == null || bin.isBlank()
        ? Path.of(System.getProperty("wlp.install.dir", "."), "..", "bin", "ncs-server")
        : Path.of(bin, "ncs-server");
    if (!Files.isExecutable(launcher)) {
      throw new IOException("The launcher " + launcher + " is missing: run 'ncs node init' again with this installation");
    }
    return launcher;
  }
}
