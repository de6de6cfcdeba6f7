package org.ncsha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.security.AuthKeyStore;

class NodeSetupTest {
  private static final String KEY = "Ha-Secret-9k";

  @TempDir Path node;

  private CliRun setup(String stdin, Map<String, String> env, String... args) {
    return CliRun.run(stdin, t -> new NodeSetup(t, env).run(args));
  }

  private CliRun setup(String stdin, String... args) {
    return setup(stdin, Map.of(), args);
  }

  private String nodeProperties() throws Exception {
    return Files.readString(node.resolve("etc/node.properties"));
  }

  @Test
  void asksAgainUntilYesOrNo() throws Exception {
    CliRun r = setup("maybe\nY\nno\n", "--node-dir", node.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertEquals(3, r.out.split("Will this server be used as a secondary for HA\\? \\(yes/no\\)", -1).length - 1, r.toString());
    assertEquals(2, r.err.split("Please answer yes or no.", -1).length - 1, r.toString());
    assertEquals("ha.secondary=no\n", nodeProperties());
    assertFalse(Files.exists(node.resolve("etc/authkey.properties")));
  }

  @Test
  void noValidAnswerIsUsageError() {
    CliRun r = setup("a\nb\nc\nyes\n", "--node-dir", node.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertFalse(Files.exists(node.resolve("etc/node.properties")));
    assertEquals(2, setup("", "--node-dir", node.toString()).exitCode);
  }

  @Test
  void interactiveSecondaryWithWeakKeyThenMismatchThenSuccess() throws Exception {
    CliRun r = setup("yes\npassword\n" + KEY + "\nHa-Secret-9K\n" + KEY + "\n" + KEY + "\n", "--node-dir", node.toString());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("Enter Authentication Key:") && r.out.contains("Confirm Authentication Key:"), r.toString());
    assertTrue(r.err.contains("Authentication Key is too weak (it contains only lowercase letters)"), r.toString());
    assertTrue(r.err.contains("at least three of the following types of characters"), r.toString());
    assertTrue(r.err.contains("The two Authentication Keys do not match"), r.toString());
    assertFalse(r.all().contains(KEY), "the key is never printed");
    assertEquals("ha.secondary=yes\n", nodeProperties());
    AuthKeyStore store = AuthKeyStore.forNode(node);
    assertTrue(store.verify(KEY.toCharArray()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())));
    assertFalse(Files.readString(store.file()).contains(KEY));
  }

  @Test
  void threeFailedKeyAttemptsExitTwoAndWriteNothing() {
    CliRun r = setup("yes\nshort\nalllowercase\n" + KEY + "\nother-Key-1\n", "--node-dir", node.toString());
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.contains("No valid Authentication Key after 3 attempts"), r.toString());
    assertFalse(Files.exists(node.resolve("etc/node.properties")));
    assertFalse(Files.exists(node.resolve("etc/authkey.properties")));
  }

  @Test
  void flagsFromFileKeepOtherSettingsAndRunTwiceHarmlessly() throws Exception {
    Files.createDirectories(node.resolve("etc"));
    Files.writeString(node.resolve("etc/node.properties"), "# made by ha-pair\nnode.address=127.0.1.2\nha.secondary=no\nhm.port=8082\n");
    Path keyFile = node.resolve("key.txt");
    Files.writeString(keyFile, KEY + "\r\n");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    String[] args = {"--node-dir", node.toString(), "--secondary", "yes", "--auth-key-file", keyFile.toString()};
    CliRun first = setup("", args);
    assertEquals(0, first.exitCode, first.toString());
    assertEquals("", first.err);
    assertEquals("# made by ha-pair\nnode.address=127.0.1.2\nha.secondary=yes\nhm.port=8082\n", nodeProperties());
    String stored = Files.readString(node.resolve("etc/authkey.properties"));

    CliRun second = setup("", args);
    assertEquals(0, second.exitCode, second.toString());
    assertTrue(second.out.contains("Authentication Key unchanged."), second.toString());
    assertEquals(stored, Files.readString(node.resolve("etc/authkey.properties")));
    assertTrue(AuthKeyStore.forNode(node).verify(KEY.toCharArray()));
  }

  @Test
  void keyFromEnvironmentAndNodeDirFromEnvironment() {
    CliRun r = setup("", Map.of("NCS_NODE_DIR", node.toString(), "MY_KEY", KEY), "--secondary=yes", "--auth-key-env=MY_KEY");
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(AuthKeyStore.forNode(node).verify(KEY.toCharArray()));
  }

  @Test
  void weakKeyFromFlagsIsRefusedWithTheRule() {
    CliRun r = setup("", Map.of("MY_KEY", "password"), "--node-dir", node.toString(), "--secondary", "yes", "--auth-key-env", "MY_KEY");
    assertEquals(2, r.exitCode, r.toString());
    assertTrue(r.err.startsWith("Authentication Key is too weak"), r.toString());
    assertFalse(Files.exists(node.resolve("etc/node.properties")));
  }

  @Test
  void badFlagsAreUsageErrors() {
    String dir = node.toString();
    CliRun unknown = setup("", "--node-dir", dir, "--frobnicate");
    assertEquals(2, unknown.exitCode);
    assertTrue(unknown.err.contains("usage: ncs-setup"), unknown.toString());
    assertEquals(2, setup("", "--secondary", "yes").exitCode, "no node dir");
    assertEquals(2, setup("", "--node-dir", dir, "--secondary", "maybe").exitCode);
    assertEquals(2, setup("", "--node-dir", dir, "--secondary").exitCode);
    assertEquals(2, setup("", "--node-dir", dir, "--secondary", "no", "--auth-key-env", "X").exitCode);
    assertEquals(2, setup("", "--node-dir", dir, "--auth-key-env", "X", "--auth-key-file", "f").exitCode);
    assertEquals(2, setup("", "--node-dir", dir, "--secondary", "yes", "--auth-key-env", "UNSET_VAR").exitCode);
    assertEquals(2, setup("", "--node-dir", dir + "/missing", "--secondary", "no").exitCode);
    assertEquals(2, setup("", "--node-dir", dir, "--secondary", "yes", "--auth-key-file", dir + "/nofile").exitCode);
    CliRun help = setup("", "--help");
    assertEquals(0, help.exitCode);
    assertTrue(help.out.contains("--auth-key-file FILE"));
  }
}
