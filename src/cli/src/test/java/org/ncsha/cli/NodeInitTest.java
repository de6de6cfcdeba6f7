package org.ncsha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What 'ncs node init' refuses, each with a message naming the option and the rule, before it
 * writes a credential. (A whole run needs Liberty's securityUtility: every IT's pair is made by
 * it, through ha-pair.)
 */
class NodeInitTest {
  @TempDir Path root;
  private Path node;
  private Path server;
  private List<String> base;

  @BeforeEach
  void layout() throws Exception {
    Path wlp = root.resolve("wlp");
    Files.createDirectories(wlp.resolve("bin"));
    Files.writeString(wlp.resolve("bin/server"), "");
    server = root.resolve("server");
    Files.createDirectories(server.resolve("apps"));
    Files.createDirectories(server.resolve("jdbc"));
    Files.writeString(server.resolve("server.xml"), "<server/>");
    node = root.resolve("node");
    base = List.of("node", "init", "--node-dir", node.toString(), "--address", "10.0.0.1", "--wlp", wlp.toString(),
        "--server", server.toString(), "--jdbc", server.resolve("jdbc").toString(), "--admin-password-env", "PW");
  }

  /** Liberty's securityUtility, as far as node init uses it: reads the password twice, prints a hash. */
  private void securityUtility() throws Exception {
    Path utility = root.resolve("wlp/bin/securityUtility");
    Files.writeString(utility, "#!/bin/sh\nread a\nread b\necho '{hash}bm90LWEtcmVhbC1oYXNo'\n");
    utility.toFile().setExecutable(true);
  }

  private CliRun init(Map<String, String> env, String... more) {
    List<String> args = new ArrayList<>(base);
    args.addAll(List.of(more));
    return CliRun.run("", t -> new Ncs(t, env).run(args.toArray(String[]::new)));
  }

  @Test
  void a_short_admin_password_is_refused_and_nothing_is_written() {
    CliRun r = init(Map.of("PW", "short"));
    assertEquals(CliException.USAGE, r.exitCode, r.toString());
    assertTrue(r.err.contains("Admin password: at least 8 characters"), r.toString());
    assertFalse(Files.exists(node), "nothing written");
  }

  @Test
  void bad_options_name_the_option_and_the_rule() {
    assertTrue(init(Map.of("PW", "long-enough-1"), "--set", "not a setting").err.contains("--set: KEY=VALUE"));
    assertTrue(init(Map.of("PW", "long-enough-1"), "--set", "hm.port=80a").err.contains("--set: hm.port is a port, 1 to 65535"));
    assertTrue(init(Map.of("PW", "long-enough-1"), "--admin-user", "1admin").err.contains("--admin-user: a letter"));
    assertTrue(init(Map.of()).err.contains("--admin-password-env: the variable PW is not set"));
    CliRun address = CliRun.run("", t -> new Ncs(t, Map.of("PW", "long-enough-1")).run("node", "init", "--node-dir",
        node.toString(), "--address", "10.0.0.1;rm", "--wlp", root.resolve("wlp").toString()));
    assertTrue(address.err.contains("--address: an IP address or host name"), address.toString());
    CliRun missing = CliRun.run("", t -> new Ncs(t, Map.of("PW", "long-enough-1")).run("node", "init", "--node-dir",
        node.toString(), "--address", "10.0.0.1"));
    assertTrue(missing.err.contains("--wlp, --server and --jdbc are required"), missing.toString());
    assertFalse(Files.exists(node), "nothing written");
  }

  @Test
  void root_is_refused_on_a_node_directory_another_user_owns_and_nothing_is_written() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
        "only root can be refused so (and only root can give the folder away)");
    Files.createDirectories(node);
    Files.setAttribute(node, "unix:uid", 65534); // nobody: the installed server's ncs stands so
    String owner = Files.getOwner(node).getName();
    CliRun r = init(Map.of("PW", "long-enough-1"));
    assertEquals(CliException.USAGE, r.exitCode, r.toString());
    assertTrue(r.err.contains("The node directory " + node + " belongs to " + owner + ", and this is root: run it as "
        + owner + " (sudo -u " + owner + " ncs node init ...)"), r.toString());
    try (var files = Files.list(node)) {
      assertEquals(0, files.count(), "nothing written");
    }
    CliRun setup = CliRun.run("", t -> new NodeSetup(t, Map.of()).run("--node-dir", node.toString(), "--secondary", "no"));
    assertEquals(CliException.USAGE, setup.exitCode, setup.toString());
    assertTrue(setup.err.contains("(sudo -u " + owner + " ncs-setup ...)"), setup.toString());
    Files.setAttribute(node, "unix:uid", 0);
    securityUtility();
    CliRun own = init(Map.of("PW", "long-enough-1"));
    assertEquals(0, own.exitCode, "root's own node directory, as the lab's: " + own);
  }

  @Test
  void pair_secrets_that_cannot_be_looked_at_are_an_error_not_new_passwords() throws Exception {
    // As root every folder may be read: a file on the way stands for the folder the ncs user
    // may not read (root's home), which Java likewise cannot say exists or not.
    Files.writeString(root.resolve("not-a-folder"), "x");
    CliRun r = init(Map.of("PW", "long-enough-1"), "--pair-secrets", root.resolve("not-a-folder/pair.secrets").toString());
    assertEquals(CliException.USAGE, r.exitCode, r.toString());
    assertTrue(r.err.contains("--pair-secrets: cannot look at"), r.toString());
    assertFalse(Files.exists(node.resolve("etc/secrets.properties")), "no passwords made");
  }

  @Test
  void a_node_of_another_pair_keeps_its_passwords() throws Exception {
    Files.createDirectories(node.resolve("etc"));
    Files.writeString(node.resolve("etc/secrets.properties"), "db.password=theirs\nkeystore.password=k\napp.password=a\n");
    Path pairSecrets = root.resolve("pair.secrets");
    Files.writeString(pairSecrets, "db.password=ours\napp.password=a\n");
    CliRun r = init(Map.of("PW", "long-enough-1"), "--pair-secrets", pairSecrets.toString());
    assertEquals(CliException.USAGE, r.exitCode, r.toString());
    assertTrue(r.err.contains("holds another db.password") && r.err.contains("nothing was changed"), r.toString());
    assertEquals("db.password=theirs\nkeystore.password=k\napp.password=a\n", Files.readString(node.resolve("etc/secrets.properties")));
  }

  /** securityUtility runs through a shell (script -c): a runtime in a folder with a space and a quote is still one word. */
  @Test
  void liberty_in_a_folder_with_a_space_and_a_quote_still_hashes_the_password() throws Exception {
    Path wlp = root.resolve("Liberty's runtime");
    Files.createDirectories(wlp.resolve("bin"));
    Files.writeString(wlp.resolve("bin/server"), "");
    Path utility = wlp.resolve("bin/securityUtility");
    Files.writeString(utility, "#!/bin/sh\nread a\nread b\necho '{hash}c3BhY2VkLW91dA'\n");
    utility.toFile().setExecutable(true);
    CliRun r = CliRun.run("", t -> new Ncs(t, Map.of("PW", "long-enough-1")).run("node", "init", "--node-dir",
        node.toString(), "--address", "10.0.0.1", "--wlp", wlp.toString(), "--server", server.toString(), "--jdbc",
        server.resolve("jdbc").toString(), "--admin-password-env", "PW"));
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(Files.readString(node.resolve("usr/servers/ncs/configDropins/overrides/node.xml"))
        .contains("value=\"{hash}c3BhY2VkLW91dA\""), "the hash the utility printed");
  }

  @Test
  void ports_set_in_the_settings_are_where_liberty_listens() throws Exception {
    securityUtility();
    CliRun r = init(Map.of("PW", "long-enough-1"), "--set", "hm.port=8182", "--set", "db.port=5433");
    assertEquals(0, r.exitCode, r.toString());
    // When it put the installation's application in place: the server's patch level counts from then.
    java.time.Instant placed = java.time.Instant.parse(Files.readString(node.resolve("software/application-placed")).strip());
    assertTrue(java.time.Duration.between(placed, java.time.Instant.now()).toMinutes() < 5, placed.toString());
    String nodeXml = Files.readString(node.resolve("usr/servers/ncs/configDropins/overrides/node.xml"));
    // The Health Monitor calls its peer, and the CLI its server, at the setting's port.
    assertTrue(nodeXml.contains("<variable name=\"hm.port\" value=\"8182\"/>"), nodeXml);
    assertTrue(nodeXml.contains("<variable name=\"db.port\" value=\"5433\"/>"), nodeXml);
    assertFalse(nodeXml.contains("admin.port"), "a port not set keeps server.xml's default: " + nodeXml);
  }

  @Test
  void single_sign_on_puts_the_openid_connect_features_on_the_node_and_no_takes_them_off() throws Exception {
    // Liberty's securityUtility, as far as node init uses it: reads the password twice, prints a hash.
    Path utility = root.resolve("wlp/bin/securityUtility");
    Files.writeString(utility, "#!/bin/sh\nread a\nread b\necho '{hash}bm90LWEtcmVhbC1oYXNo'\n");
    utility.toFile().setExecutable(true);
    Path features = server.resolve("configDropins/overrides/single-sign-on.xml");
    Files.createDirectories(features.getParent());
    Files.writeString(features, "<server><featureManager/></server>");
    Path onNode = node.resolve("usr/servers/ncs/configDropins/overrides/single-sign-on.xml");
    CliRun on = init(Map.of("PW", "long-enough-1"), "--set", "single.sign.on=yes");
    assertEquals(0, on.exitCode, on.toString());
    assertEquals("<server><featureManager/></server>", Files.readString(onNode));
    // The includes server.xml names exist from the start, or Liberty would not watch them.
    assertEquals("<server/>\n", Files.readString(node.resolve("files/settings/sso/provider.xml")));
    assertEquals("<server/>\n", Files.readString(node.resolve("files/settings/sso/client.xml")));
    CliRun off = init(Map.of("PW", "long-enough-1"), "--set", "single.sign.on=no");
    assertEquals(0, off.exitCode, off.toString());
    assertFalse(Files.exists(onNode), "the features are off again");
    CliRun bad = init(Map.of("PW", "long-enough-1"), "--set", "single.sign.on=maybe");
    assertTrue(bad.err.contains("--set: single.sign.on is yes or no, not 'maybe'"), bad.toString());
  }

  @Test
  void a_failing_tools_message_never_shows_what_was_typed_into_it() {
    CliRun r = init(Map.of("PW", "long-enough-1"));
    assertEquals(1, r.exitCode, r.toString());
    assertTrue(r.err.contains("securityUtility could not hash the admin password"), r.toString());
    assertFalse(r.err.contains("long-enough-1"), "the admin password is not shown: " + r);
  }
}
