package org.ncsha.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ncsha.security.AuthKeys;

class MseSetupTest {
  private static final String ROOT = "Mse-Root-pw1x";
  private static final String PI = "pi-secret-1";

  @TempDir Path node;

  private CliRun setup(String stdin, Map<String, String> env, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--node-dir";
    all[1] = node.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(stdin, t -> new MseSetup(t, env).run(all));
  }

  private static String lines(String... answers) {
    return String.join("\n", answers) + "\n";
  }

  private Properties applied() throws Exception {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(node.resolve("etc/mse-setup.properties"))) {
      p.load(in);
    }
    return p;
  }

  /** The guide's steps 1 to 11 for a primary, in menu mode. */
  private static final String PRIMARY_BY_MENU = lines("1", "",
      "1", "y", "mse1",
      "8", "S",
      "2", "y", "10.10.10.12", "", "10.10.10.1",
      "4", "Y", ROOT, ROOT,
      "9", "y", "1", "", "", "10.10.10.11", "", "no", "S", "S",
      "3", "y", "America/Los_Angeles",
      "5", "y", "y", "", "",
      "6", "", PI, PI,
      "24", "yes", "");

  @Test
  void the_guides_primary_steps_in_menu_mode_apply_what_was_answered_with_the_passwords_only_as_verifiers()
      throws Exception {
    CliRun r = setup(PRIMARY_BY_MENU, Map.of());
    assertEquals(0, r.exitCode, r.toString());
    assertTrue(r.out.contains("24) ## Verify and apply changes ##"), r.out);
    assertTrue(r.out.contains("Configure Hostname? (Y)es/(S)kip/(U)se default [Skip]:"), r.out);
    assertTrue(r.out.contains("Select role [1 for Primary, 2 for Secondary] [1]:"), r.out);
    assertTrue(r.out.contains("Do you wish to start this MSE in HA recovery mode?: (yes/no) [no]:"), r.out);
    assertTrue(r.out.contains("Configure Prime Infrastructure password? (Y)es/(S)kip/(U)se default [Yes]:"), r.out);
    String block = r.out.substring(r.out.indexOf("-----BEGIN-----"), r.out.indexOf("-----END-----"));
    for (String line : new String[] {"Hostname=mse1", "Role= 1, Health Monitor Interface=eth0, Direct connect interface=none",
        "Virtual IP Address=10.10.10.11, Virtual IP Netmask=255.255.255.0",
        "Eth0 IP address=10.10.10.12, Eth0 network mask=255.255.255.0", "Default Gateway=10.10.10.1",
        "Time zone=America/Los_Angeles", "Enable NTP=yes, NTP servers=time.nist.gov", "Root password is changed.",
        "Cisco Prime Infrastructure password is changed."}) {
      assertTrue(block.contains(line), line + " in\n" + block);
    }
    Properties p = applied();
    assertEquals("mse1", p.getProperty("hostname"));
    assertEquals("primary", p.getProperty("ha.role"));
    assertEquals("10.10.10.11", p.getProperty("ha.virtualip"));
    assertEquals("false", p.getProperty("ha.recoverymode"));
    assertEquals("America/Los_Angeles", p.getProperty("timezone"));
    assertTrue(AuthKeys.matches(ROOT.toCharArray(), p.getProperty("root.password.verifier")));
    assertTrue(AuthKeys.matches(PI.toCharArray(), p.getProperty("pi.password.verifier")));
    String file = Files.readString(node.resolve("etc/mse-setup.properties"));
    assertFalse(file.contains(ROOT) || file.contains(PI), "no password in the file");
    assertFalse(r.all().contains(ROOT) || r.all().contains(PI), "no password shown");
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(node.resolve("etc/mse-setup.properties")));

    // Run again: the applied values are the current ones, and a skipped run changes nothing.
    CliRun again = setup(lines("1", "", "1", "", "24", "yes", ""), Map.of());
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("Current Hostname=[mse1]"), again.out);
    assertTrue(again.out.contains("No changes"), again.out);
    assertEquals(p, applied());
  }

  @Test
  void a_refused_answer_names_the_rule_and_is_asked_again() throws Exception {
    CliRun r = setup(lines("3", "1", "",
        "1", "x", "y", "1mse", "mse-2",
        "2", "y", "10.10.10.13", "255.0.255.0", "255.255.255.0", "10.20.0.1", "10.10.10.1",
        "4", "y", "password", ROOT, "Mse-Other-pw1x", ROOT, ROOT,
        "9", "y", "1", "", "eth0", "none", "10.10.10.13", "10.10.10.11", "", "maybe", "no", "S", "S",
        "25", "24", "no", "24", "yes", "no"), Map.of());
    assertEquals(2, r.exitCode, "the input ended before anything was applied: " + r);
    assertTrue(r.out.contains("mode: answer 1 (Menu mode) or 2 (Wizard mode)"), r.out);
    assertTrue(r.out.contains("answer: 'x' is not Y (yes), S (skip) or U (use default)"), r.out);
    assertTrue(r.out.contains("Hostname: '1mse' must start with a letter, end with a letter or number, and contain only"
        + " letters, numbers, and dashes"), r.out);
    assertTrue(r.out.contains("'255.0.255.0' is not a network mask"), r.out);
    assertTrue(r.out.contains("default gateway address: 10.20.0.1 is not reachable from eth0 10.10.10.13/24"), r.out);
    assertTrue(r.out.contains("Root password: use at least 8 characters with upper and lower case letters"), r.out);
    assertTrue(r.out.contains("Sorry, passwords do not match."), r.out);
    assertTrue(r.out.contains("Direct connect interface: answer eth0, eth1 or none, other than the Health Monitor"
        + " interface eth0"), r.out);
    assertTrue(r.out.contains("the health monitor IP and virtual IP must always be different"), r.out);
    assertTrue(r.out.contains("HA recovery mode: answer yes or no, not 'maybe'"), r.out);
    assertTrue(r.out.contains("choice: enter a number from 1 to 24"), r.out);
    // "no" at the question goes back to the menu; the mandatory check lists what is missing; "no" again.
    assertTrue(r.out.contains("Timezone settings: Not configured"), r.out);
    assertTrue(r.out.contains("NTP settings: Not configured"), r.out);
    assertTrue(r.out.contains("Prime Infrastructure password: Not configured"), r.out);
    assertTrue(r.out.contains("The above parameters are mandatory and need to be configured."), r.out);
    assertTrue(r.err.contains("nothing was applied"), r.err);
    assertFalse(Files.exists(node.resolve("etc/mse-setup.properties")));
  }

  @Test
  void wizard_mode_asks_every_option_in_turn_and_a_secondary_has_no_virtual_ip() throws Exception {
    CliRun r = setup(lines("2", "",
        "y", "mse2",                        // 1 Hostname
        "S",                                 // 8 Domain
        "y", "2", "", "",                    // 9 High availability: Secondary on eth0, no direct connect
        "y", "10.10.10.13", "", "10.10.10.1", // ... its eth0
        "S",                                 // ... its eth1
        "S",                                 // 2 eth0 (configured just now)
        "S",                                 // 10 eth1
        "u",                                 // 3 Timezone: the default, UTC
        "S",                                 // 11 DNS
        "y", "no",                           // 5 NTP: disabled
        "y", ROOT, ROOT,                     // 4 Root password
        "y", PI, PI,                         // 6 Prime Infrastructure password
        "yes", ""), Map.of());
    assertEquals(0, r.exitCode, r.toString());
    assertFalse(r.out.contains("Enter Virtual IP address"), r.out);
    Properties p = applied();
    assertEquals("secondary", p.getProperty("ha.role"));
    assertEquals(null, p.getProperty("ha.virtualip"));
    assertEquals("UTC", p.getProperty("timezone"));
    assertEquals("", p.getProperty("ntp.servers"), "NTP configured, and disabled");
    assertTrue(r.out.contains("Role= 2, Health Monitor Interface=eth0, Direct connect interface=none"), r.out);
    assertTrue(r.out.contains("Enable NTP=no"), r.out);
  }

  @Test
  void flags_apply_without_questions_and_refuse_with_the_rule_changing_nothing() throws Exception {
    Map<String, String> env = Map.of("ROOT_PW", ROOT, "PI_PW", PI, "WEAK", "password");
    String[] primary = {"--apply", "--hostname", "mse1", "--eth0-address", "10.10.10.12", "--eth0-netmask",
        "255.255.255.0", "--gateway", "10.10.10.1", "--timezone", "UTC", "--ntp-servers", "10.10.10.1",
        "--role", "primary", "--virtual-ip", "10.10.10.11", "--virtual-ip-netmask", "255.255.255.0",
        "--root-password-env", "ROOT_PW", "--pi-password-env", "PI_PW"};

    CliRun missing = setup("", env, "--apply", "--hostname", "mse1");
    assertEquals(2, missing.exitCode, missing.toString());
    assertTrue(missing.err.contains("Network interface eth0: Not configured") && missing.err.contains("nothing was applied"),
        missing.err);
    CliRun sameAsHm = setup("", env, replace(primary, "--virtual-ip", "10.10.10.12"));
    assertEquals(2, sameAsHm.exitCode, sameAsHm.toString());
    assertTrue(sameAsHm.err.contains("the health monitor IP and virtual IP must always be different"), sameAsHm.err);
    CliRun weak = setup("", env, replace(primary, "--root-password-env", "WEAK"));
    assertEquals(2, weak.exitCode);
    assertTrue(weak.err.contains("Root password: use at least 8 characters"), weak.err);
    CliRun unknownOption = setup("", env, "--apply", "--colour", "blue");
    assertEquals(2, unknownOption.exitCode);
    assertTrue(unknownOption.err.contains("unknown option --colour"), unknownOption.err);
    assertFalse(Files.exists(node.resolve("etc/mse-setup.properties")), "nothing applied by a refused run");

    CliRun notAKey = setup("", Map.of("ROOT_PW", ROOT, "PI_PW", "alllowercase"), primary);
    assertEquals(2, notAKey.exitCode, notAKey.toString());
    assertTrue(notAKey.err.contains("Prime Infrastructure password: it is also this MSE's HA authentication key."),
        notAKey.err);
    assertFalse(Files.exists(node.resolve("etc/authkey.properties")), "no key set by a refused run");

    CliRun ok = setup("", env, primary);
    assertEquals(0, ok.exitCode, ok.toString());
    assertTrue(org.ncsha.security.AuthKeyStore.forNode(node).verify(PI.toCharArray()),
        "the Prime Infrastructure password is the MSE's HA authentication key: " + ok.out);
    assertTrue(ok.out.contains("Virtual IP Address=10.10.10.11, Virtual IP Netmask=255.255.255.0"), ok.out);
    assertEquals("10.10.10.1", applied().getProperty("ntp.servers"));

    // The same node made a secondary: its virtual IP goes; a virtual IP given for it is refused.
    CliRun vipOnSecondary = setup("", env, "--apply", "--role", "secondary", "--virtual-ip", "10.10.10.11");
    assertEquals(2, vipOnSecondary.exitCode);
    assertTrue(vipOnSecondary.err.contains("a Secondary has neither"), vipOnSecondary.err);
    CliRun secondary = setup("", env, "--apply", "--role", "secondary");
    assertEquals(0, secondary.exitCode, secondary.toString());
    assertEquals("secondary", applied().getProperty("ha.role"));
    assertEquals(null, applied().getProperty("ha.virtualip"));
    assertEquals("mse1", applied().getProperty("hostname"), "what was applied before stays");
  }

  private static String[] replace(String[] args, String flag, String value) {
    String[] copy = args.clone();
    for (int i = 0; i < copy.length - 1; i++) {
      if (copy[i].equals(flag)) {
        copy[i + 1] = value;
      }
    }
    return copy;
  }
}
