package org.ncsha.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distribution `mvn -B package` makes, unpacked into a fresh root as docs/install.md does:
 * its commands run with Java alone (a `mvn` first on the PATH would say so), `ncs node init`
 * prepares a node from what the tarball holds, and systemd accepts its unit.
 */
class DistributionIT {
  private static Path root;
  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Path tarball;
    try (Stream<Path> files = Files.list(Pair.REPO.resolve("liberty/target"))) {
      tarball = files.filter(f -> f.getFileName().toString().matches("ncs-ha-[0-9].*\\.tar\\.gz")).findFirst()
          .orElseThrow(() -> new AssertionError("no liberty/target/ncs-ha-<version>.tar.gz: mvn package makes it"));
    }
    root = Files.createTempDirectory("ncs-dist");
    Files.createDirectories(root.resolve("opt"));
    assertEquals(0, Command.run(List.of("tar", "-xzf", tarball.toString(), "-C", root.resolve("opt").toString()), Map.of(), "").code());
    try (Stream<Path> dirs = Files.list(root.resolve("opt"))) {
      home = dirs.findFirst().orElseThrow();
    }
    // Anything that would build from sources (mvn) is not there on an installed server.
    Path fakeBin = Files.createDirectories(root.resolve("fake-bin"));
    Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\necho used > " + root.resolve("mvn-was-run") + "\nexit 1\n");
    fakeBin.resolve("mvn").toFile().setExecutable(true);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (root != null) {
      org.ncsha.it.Files.deleteTree(root);
    }
  }

  @Test
  void it_holds_the_runtime_the_server_the_cli_the_unit_and_the_guide() {
    for (String path : List.of("bin/ncs", "bin/ncs-setup", "bin/mse-setup", "bin/ncs-mse", "bin/ncs-server", "bin/node-dir.sh", "lib/ncs-ha-cli.jar", "wlp/bin/server",
        "wlp/bin/securityUtility", "server/server.xml", "server/apps/ncs-ha.ear", "systemd/ncs-ha.service", "systemd/ncs-ha-update.path", "docs/install.md", "docs/operations.md")) {
      assertTrue(Files.exists(home.resolve(path)), path);
    }
    assertTrue(Files.isExecutable(home.resolve("bin/ncs")) && Files.isExecutable(home.resolve("wlp/bin/server")));
    assertTrue(hasFile(home.resolve("server/jdbc"), "postgresql"), "the PostgreSQL driver");
    assertFalse(Files.exists(home.resolve("wlp/usr")), "servers live in node directories, not in the runtime");
  }

  @Test
  void ncs_needs_only_java_and_prepares_a_node_from_the_distribution() throws Exception {
    Command version = ncs(List.of("show", "version"), Map.of());
    assertEquals(0, version.code(), version.out());
    assertTrue(version.out().matches("(?s)ncs-ha version [0-9].*"), version.out());

    Path node = root.resolve("var/lib/ncs-ha");
    Command init = ncs(List.of("node", "init", "--address", "127.0.0.1", "--name", "primary",
        "--set", "pg.bin.dir=/usr/lib/postgresql/15/bin", "--admin-password-env", "ADMIN_PW"),
        // SHELL as 'sudo -u ncs' sets it: the service user's login shell, which runs nothing.
        Map.of("NCS_NODE_DIR", node.toString(), "ADMIN_PW", "Dist-admin-9", "SHELL", "/usr/sbin/nologin"));
    assertEquals(0, init.code(), init.out());
    for (String path : List.of("etc/secrets.properties", "etc/pair.secrets", "etc/key.p12", "etc/tls.fingerprint",
        "usr/servers/ncs/server.xml", "usr/servers/ncs/apps/ncs-ha.ear", "usr/servers/ncs/configDropins/overrides/node.xml")) {
      assertTrue(Files.exists(node.resolve(path)), path);
    }
    String nodeXml = Files.readString(node.resolve("usr/servers/ncs/configDropins/overrides/node.xml"));
    assertTrue(nodeXml.contains("name=\"admin.password.hash\" value=\"{hash}"), "the admin password as Liberty's hash");
    assertFalse(nodeXml.contains("Dist-admin-9"), "never the password itself");
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        java.nio.file.Files.getPosixFilePermissions(node.resolve("etc/secrets.properties"))));

    Command status = ncs(List.of("status"), Map.of("NCS_NODE_DIR", node.toString()));
    assertEquals(1, status.code(), "nothing runs yet: " + status.out());
    assertTrue(status.out().contains("Liberty server  Down") && status.out().contains("PostgreSQL      Down"), status.out());
    assertFalse(Files.exists(root.resolve("mvn-was-run")), "the installed ncs never builds");

    // The MSE setup script from the same jar: no questions with --apply, the answers checked.
    Path mse = root.resolve("var/lib/ncs-mse");
    List<String> setup = new ArrayList<>(List.of(home.resolve("bin/mse-setup").toString(), "--node-dir", mse.toString(),
        "--apply", "--hostname", "mse1", "--eth0-address", "10.10.10.12", "--eth0-netmask", "255.255.255.0",
        "--gateway", "10.10.10.1", "--timezone", "UTC", "--ntp-servers", "none", "--role", "secondary",
        "--root-password-env", "ROOT_PW", "--pi-password-env", "PI_PW"));
    Command refused = Command.run(setup, Map.of("ROOT_PW", "password", "PI_PW", "Dist-pi-pw-9"), "");
    assertEquals(2, refused.code(), refused.out());
    assertTrue(refused.out().contains("Root password: use at least 8 characters"), refused.out());
    Command applied = Command.run(setup, Map.of("ROOT_PW", "Dist-Root-pw9x", "PI_PW", "Dist-pi-pw-9"), "");
    assertEquals(0, applied.code(), applied.out());
    assertTrue(Files.readString(mse.resolve("etc/mse-setup.properties")).contains("ha.role=secondary"));

    // Installed, ncs-mse finds the node directory where ncs does, with neither flag nor variable.
    Command where = Command.run(List.of(home.resolve("bin/ncs-mse").toString(), "getserverinfo"), Map.of(), "");
    assertEquals(2, where.code(), where.out());
    assertTrue(where.out().contains("ncs-mse: /var/lib/ncs-ha is not"), where.out());
  }

  @Test
  void systemd_accepts_the_unit() throws Exception {
    // The units as installed, with the distribution's place instead of /opt/ncs-ha: the server,
    // and the path unit with its service that restart it into a software update.
    List<String> verify = new ArrayList<>(List.of("systemd-analyze", "verify"));
    for (String name : List.of("ncs-ha.service", "ncs-ha-update.path", "ncs-ha-update.service")) {
      String unit = Files.readString(home.resolve("systemd/" + name)).replace("/opt/ncs-ha", home.toString());
      Path copy = Files.createDirectories(root.resolve("units")).resolve(name);
      Files.writeString(copy, unit);
      verify.add(copy.toString());
    }
    Command verified = Command.run(verify, Map.of(), "");
    assertEquals(0, verified.code(), verified.out());
    assertTrue(Files.readString(home.resolve("systemd/ncs-ha.service")).contains("Restart=on-failure"),
        "a crashed JVM comes back");
  }

  private static boolean hasFile(Path dir, String part) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().contains(part));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static Command ncs(List<String> args, Map<String, String> env) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/ncs").toString()));
    command.addAll(args);
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PATH", root.resolve("fake-bin") + ":" + System.getenv("PATH"));
    return Command.run(command, all, "");
  }

}
