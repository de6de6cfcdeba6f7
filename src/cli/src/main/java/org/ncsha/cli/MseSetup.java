package org.ncsha.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.ncsha.mse.MseSettings;
import org.ncsha.mse.SetupRules;
import org.ncsha.mse.SetupRules.Choice;
import org.ncsha.mse.SetupSummary;
import org.ncsha.readiness.Subnet;
import org.ncsha.security.AuthKeys;

/**
 * The MSE setup script ({@code mse-setup}, the guide's {@code /opt/mse/setup/setup.sh}): menu
 * mode and wizard mode with the guide's prompts and (Y)es/(S)kip/(U)se default answers, every
 * answer checked by {@link SetupRules} and asked again with the rule when refused; nothing is
 * written until option 24 ("Verify and apply changes") is answered yes. With flags it asks
 * nothing: every value is checked, the summary shown, and the result applied.
 */
public final class MseSetup {
  static final String USAGE = String.join("\n",
      "usage: mse-setup [--node-dir DIR]                       menu or wizard mode, as asked",
      "       mse-setup [--node-dir DIR] --apply [flags]        no questions: check, show and apply",
      "",
      "  --hostname NAME             --domain NAME",
      "  --eth0-address A.B.C.D      --eth0-netmask M.M.M.M      --gateway A.B.C.D",
      "  --eth1-address A.B.C.D|none --eth1-netmask M.M.M.M",
      "  --timezone ZONE             (Region/City, or UTC)",
      "  --ntp-servers S[,S]|none    --dns-servers A[,A]|none",
      "  --role primary|secondary    --hm-interface eth0|eth1    --direct-connect eth0|eth1|none",
      "  --virtual-ip A.B.C.D        --virtual-ip-netmask M.M.M.M  --recovery-mode yes|no   (primary only)",
      "  --root-password-env VAR     --pi-password-env VAR       (read from the environment, never the command line)",
      "",
      "Writes DIR/" + MseSettings.RELATIVE_PATH + " (0600; the passwords only as salted verifiers).");
  static final String MENU = String.join("\n",
      "Configure MSE:",
      " 1) Hostname *                          13) Remote syslog settings",
      " 2) Network interface eth0 settings *   14) Host access control settings",
      " 3) Timezone settings *                 15) Audit Rules",
      " 4) Root password *                     16) Login banner",
      " 5) NTP settings *                      17) System console restrictions",
      " 6) Prime Infrastructure password *     18) SSH root access",
      " 7) Display current configuration       19) Single user password check",
      " 8) Domain                              20) Login and password settings",
      " 9) High availability role              21) GRUB password",
      "10) Network interface eth1 settings     22) Root access control",
      "11) DNS settings                        23) Auto start MSE on system boot up",
      "12) Future restart time                 24) ## Verify and apply changes ##");
  private static final String DEFAULT_HOSTNAME = "mse";
  private static final String DEFAULT_NTP = "time.nist.gov";
  private static final Map<Integer, String> APPLIANCE_OPTIONS = Map.ofEntries(Map.entry(12, "Future restart time"),
      Map.entry(13, "Remote syslog settings"), Map.entry(14, "Host access control settings"),
      Map.entry(15, "Audit Rules"), Map.entry(16, "Login banner"), Map.entry(17, "System console restrictions"),
      Map.entry(18, "SSH root access"), Map.entry(19, "Single user password check"),
      Map.entry(20, "Login and password settings"), Map.entry(21, "GRUB password"), Map.entry(22, "Root access control"),
      Map.entry(23, "Auto start MSE on system boot up"));

  /** The input ended before option 24: nothing is applied. */
  private static final class NoAnswer extends RuntimeException {
    NoAnswer() {
      super("setup ended before option 24 (Verify and apply changes): nothing was applied", null, false, false);
    }
  }

  private final Terminal terminal;
  private final Map<String, String> env;
  private Path file;
  /**
   * The Prime Infrastructure password given in this session, kept only until option 24 applies
   * it (then wiped): it is also the MSE's HA authentication key, which the admin server pairs and
   * watches the MSE with, and the key store keeps only its verifier and derived secret.
   */
  private char[] piPassword;
  private MseSettings applied;
  private MseSettings session;

  public MseSetup(Terminal terminal, Map<String, String> env) {
    this.terminal = terminal;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(new MseSetup(Terminal.system(), System.getenv()).run(args));
  }

  /** Runs the setup: 0 applied (or help, or left without changes), 1 cannot read or write, 2 usage or no valid answer. */
  public int run(String... args) {
    try {
      Map<String, String> flags = parse(args);
      if (flags == null) {
        terminal.out().println(USAGE);
        return 0;
      }
      file = MseSettings.fileIn(NodeDir.resolve(flags.remove("--node-dir"), env).path());
      applied = MseSettings.read(file);
      session = applied;
      if (flags.remove("--apply") != null) {
        return withFlags(flags);
      }
      if (!flags.isEmpty()) {
        throw CliException.usage(flags.keySet().iterator().next() + ": only with --apply (or answer the prompts)");
      }
      return interactive();
    } catch (CliException e) {
      terminal.err().println("mse-setup: " + e.getMessage());
      return e.exitCode();
    } catch (NoAnswer e) {
      terminal.err().println("mse-setup: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      terminal.err().println("mse-setup: " + e.getMessage());
      return 1;
    }
  }

  private static final List<String> VALUED = List.of("--node-dir", "--hostname", "--domain", "--eth0-address",
      "--eth0-netmask", "--gateway", "--eth1-address", "--eth1-netmask", "--timezone", "--ntp-servers", "--dns-servers",
      "--role", "--hm-interface", "--direct-connect", "--virtual-ip", "--virtual-ip-netmask", "--recovery-mode",
      "--root-password-env", "--pi-password-env");

  /** The flags and their values; null for help. */
  private static Map<String, String> parse(String... args) throws CliException {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        return null;
      }
      if (a.equals("--apply")) {
        flags.put(a, "");
      } else if (VALUED.contains(a)) {
        if (i + 1 >= args.length) {
          throw CliException.usage(a + " needs a value");
        }
        flags.put(a, args[++i]);
      } else {
        throw CliException.usage("unknown option " + a + " (mse-setup --help lists them)");
      }
    }
    return flags;
  }

  // ---- non-interactive ----

  private int withFlags(Map<String, String> f) throws CliException, IOException {
    MseSettings s = session;
    s = s.withHostname(checked(f.getOrDefault("--hostname", s.hostname()), SetupRules::hostNameProblem));
    s = s.withDomain(checked(f.getOrDefault("--domain", s.domain()), MseSetup::domainProblem));
    String eth0 = checked(f.getOrDefault("--eth0-address", s.eth0Address()), v -> SetupRules.ipv4Problem("eth0 IP address", v));
    String mask0 = eth0 == null ? null : netmask("eth0 network mask", f.getOrDefault("--eth0-netmask", s.eth0Netmask()));
    String gateway = checked(f.getOrDefault("--gateway", s.gateway()), v -> gatewayProblem(v, eth0, mask0));
    s = s.withEth0(eth0, mask0, gateway);
    String eth1 = f.getOrDefault("--eth1-address", s.eth1Address());
    if (eth1 != null && !eth1.equals("none")) {
      checked(eth1, v -> SetupRules.ipv4Problem("eth1 IP address", v));
      s = s.withEth1(eth1, netmask("eth1 network mask", f.getOrDefault("--eth1-netmask", s.eth1Netmask())));
    } else {
      s = s.withEth1(null, null);
    }
    s = s.withTimeZone(checked(f.getOrDefault("--timezone", s.timeZone()), SetupRules::timeZoneProblem));
    if (f.containsKey("--ntp-servers")) {
      s = s.withNtpServers(servers("NTP server", f.get("--ntp-servers")));
    }
    if (f.containsKey("--dns-servers")) {
      s = s.withDnsServers(servers("DNS server", f.get("--dns-servers")));
    }
    MseSettings.Role role = f.containsKey("--role") ? role(f.get("--role")) : s.role();
    String hm = oneOf("Health Monitor Interface", f.getOrDefault("--hm-interface", s.healthMonitorInterface()), "eth0", "eth1");
    String direct = oneOf("Direct connect interface", f.getOrDefault("--direct-connect", s.directConnectInterface()),
        "eth0", "eth1", "none");
    String vip = f.getOrDefault("--virtual-ip", s.virtualIp());
    String vipMask = f.getOrDefault("--virtual-ip-netmask", s.virtualIpNetmask());
    boolean recovery = f.containsKey("--recovery-mode")
        ? yesNo("HA recovery mode", f.get("--recovery-mode")) : s.recoveryMode();
    if (role == MseSettings.Role.PRIMARY) {
      if (checked(vip, v -> SetupRules.ipv4Problem("Virtual IP address", v)) != null) {
        vipMask = netmask("Virtual IP netmask", vipMask);
      }
    } else if (f.containsKey("--virtual-ip") || f.containsKey("--recovery-mode")) {
      throw CliException.usage("--virtual-ip and --recovery-mode are for a Primary MSE; a Secondary has neither");
    }
    s = s.withHighAvailability(role, hm, direct, vip, vipMask, recovery);
    if (f.containsKey("--root-password-env")) {
      s = s.withRootPasswordVerifier(verifier(f.get("--root-password-env"), "--root-password-env",
          SetupRules::rootPasswordProblem));
    }
    if (f.containsKey("--pi-password-env")) {
      char[] password = Terminal.secretFromEnvironment(env, "--pi-password-env", f.get("--pi-password-env"));
      Optional<String> problem = piPasswordProblem(password);
      if (problem.isPresent()) {
        Arrays.fill(password, '\0');
        throw CliException.usage(problem.get());
      }
      s = s.withAdminServerPasswordVerifier(AuthKeys.verifier(password));
      keepPiPassword(password);
    }
    session = s;
    List<String> conflicts = SetupSummary.conflicts(s);
    if (!conflicts.isEmpty()) {
      throw CliException.usage(String.join("; ", conflicts));
    }
    List<String> missing = s.notConfigured();
    if (!missing.isEmpty()) {
      throw CliException.usage("mandatory parameters: " + String.join("; ", missing) + " (nothing was applied)");
    }
    printSummary();
    apply();
    return 0;
  }

  private static String checked(String value, Function<String, Optional<String>> rule) throws CliException {
    if (value == null) {
      return null; // not given and not configured before: the mandatory check names it
    }
    Optional<String> problem = rule.apply(value);
    if (problem.isPresent()) {
      throw CliException.usage(problem.get());
    }
    return value;
  }

  private static String netmask(String field, String value) throws CliException {
    if (value == null) {
      throw CliException.usage(field + ": required with its address (e.g. 255.255.255.0)");
    }
    try {
      SetupRules.prefixLength(field, value);
      return value;
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private static List<String> servers(String field, String list) throws CliException {
    List<String> servers = list.strip().equals("none") ? List.of() : MseSettings.list(list);
    for (String server : servers) {
      checked(server, v -> serverProblem(field, v));
    }
    return servers;
  }

  private static MseSettings.Role role(String value) throws CliException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "primary", "1" -> MseSettings.Role.PRIMARY;
      case "secondary", "2" -> MseSettings.Role.SECONDARY;
      default -> throw CliException.usage("--role: '" + value + "' is not primary or secondary");
    };
  }

  private static String oneOf(String field, String value, String... allowed) throws CliException {
    if (!Arrays.asList(allowed).contains(value)) {
      throw CliException.usage(field + ": '" + value + "' is not one of " + String.join(", ", allowed));
    }
    return value;
  }

  private static boolean yesNo(String field, String value) throws CliException {
    try {
      return SetupRules.yesNo(field, value, false);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /** The guide's rule, and the HA authentication key's, since the password is both. */
  private static Optional<String> piPasswordProblem(char[] password) {
    return SetupRules.adminServerPasswordProblem(password).or(() -> org.ncsha.security.AuthKeyRule.violation(password)
        .map(v -> "Prime Infrastructure password: it is also this MSE's HA authentication key. " + v));
  }

  private void keepPiPassword(char[] password) {
    if (piPassword != null) {
      Arrays.fill(piPassword, '\0');
    }
    piPassword = password;
  }

  private String verifier(String variable, String option, Function<char[], Optional<String>> rule) throws CliException {
    char[] password = Terminal.secretFromEnvironment(env, option, variable);
    try {
      Optional<String> problem = rule.apply(password);
      if (problem.isPresent()) {
        throw CliException.usage(problem.get());
      }
      return AuthKeys.verifier(password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  // ---- the dialogue ----

  private int interactive() throws IOException {
    out("-----");
    out("Welcome to the Mobility Services Engine Appliance Setup.");
    out("You may exit the setup at any time by typing <Ctrl+c>.");
    out("-----");
    out("Would you like to configure MSE using:");
    out("1. Menu mode");
    out("2. Wizard mode");
    String mode = ask("Choose 1 or 2:", "", v -> v.equals("1") || v.equals("2") ? Optional.empty()
        : Optional.of("mode: answer 1 (Menu mode) or 2 (Wizard mode)"));
    out("-----");
    out("Mobility Services Engine Setup");
    out("Please select a configuration option below and enter the requested information. You may exit setup at any"
        + " time by typing <Ctrl+C>.");
    out("You will be prompted to choose whether you wish to configure a parameter, skip it, or reset it to its initial"
        + " default value. Skipping a parameter will leave it unchanged from its current value.");
    out("Please note that the following parameters are mandatory and must be configured at least once.");
    for (String p : List.of("Hostname", "Network interface eth0", "Timezone settings", "Root password", "NTP settings",
        "Prime Infrastructure password")) {
      out("-> " + p);
    }
    out("You must select option 24 to verify and apply any changes made during this session.");
    out("-----");
    line("PRESS <ENTER> TO CONTINUE:");
    if (mode.equals("2")) {
      for (int option : List.of(1, 8, 9, 2, 10, 3, 11, 5, 4, 6)) {
        option(option);
      }
      while (!verifyAndApply()) {
        option(Integer.parseInt(ask("Please enter your choice [1 - 24]:", "", MseSetup::choiceProblem)));
      }
      line("PRESS <ENTER> TO EXIT THE INSTALLER:");
      return 0;
    }
    while (true) {
      out("-----");
      out(MENU);
      int choice = Integer.parseInt(ask("Please enter your choice [1 - 24]:", "", MseSetup::choiceProblem));
      if (choice == 24) {
        if (verifyAndApply()) {
          line("PRESS <ENTER> TO EXIT THE INSTALLER:");
          return 0;
        }
      } else {
        option(choice);
      }
    }
  }

  private static Optional<String> choiceProblem(String v) {
    return v.matches("[1-9]|1\\d|2[0-4]") ? Optional.empty() : Optional.of("choice: enter a number from 1 to 24");
  }

  private void option(int choice) {
    switch (choice) {
      case 1 -> hostname();
      case 2 -> eth0();
      case 3 -> timeZone();
      case 4 -> rootPassword();
      case 5 -> ntp();
      case 6 -> adminServerPassword();
      case 7 -> display();
      case 8 -> domain();
      case 9 -> highAvailability();
      case 10 -> eth1();
      case 11 -> dns();
      case 24 -> { } // the caller's
      default -> out(APPLIANCE_OPTIONS.get(choice) + ": set on the appliance's operating system, not by this product's"
          + " setup (docs/mse.md); nothing to configure here.");
    }
  }

  private void hostname() {
    out("Current Hostname=[" + orBlank(session.hostname(), DEFAULT_HOSTNAME) + "]");
    Choice c = configure("Configure Hostname?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withHostname(DEFAULT_HOSTNAME);
    } else if (c == Choice.YES) {
      out("The host name should be a unique name that can identify the device on the network. The hostname should"
          + " start with a letter, end with a letter or number, and contain only letters, numbers, and dashes.");
      session = session.withHostname(ask("Enter a Host name [" + orBlank(session.hostname(), DEFAULT_HOSTNAME) + "]:",
          orBlank(session.hostname(), DEFAULT_HOSTNAME), SetupRules::hostNameProblem));
    }
  }

  private void domain() {
    out("Current domain=[" + session.domain() + "]");
    Choice c = configure("Configure domain name?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withDomain("");
    } else if (c == Choice.YES) {
      session = session.withDomain(ask("Enter a domain name for the network [" + session.domain() + "]:", session.domain(),
          MseSetup::domainProblem));
    }
  }

  private void eth0() {
    out("Current eth0 interface IP address=[" + orBlank(session.eth0Address(), "") + "]");
    out("Current eth0 interface netmask=[" + orBlank(session.eth0Netmask(), "") + "]");
    out("Current IPv4 gateway address=[" + orBlank(session.gateway(), "") + "]");
    Choice c = configure("Configure eth0 interface parameters?", session.eth0Address() == null ? Choice.YES : Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withEth0(null, null, null);
    } else if (c == Choice.YES) {
      out("Enter an IP address for first Ethernet interface of this machine.");
      String address = ask("Enter eth0 IP address [" + orBlank(session.eth0Address(), "") + "]:",
          orBlank(session.eth0Address(), ""), v -> SetupRules.ipv4Problem("eth0 IP address", v));
      out("Enter the network mask for IP address " + address);
      String mask = askNetmask("eth0 network mask", orBlank(session.eth0Netmask(), "255.255.255.0"));
      out("Enter the default gateway address for this machine.");
      out("Note that the default gateway must be reachable from the first Ethernet interface.");
      String gateway = ask("Enter default gateway address [" + orBlank(session.gateway(), "") + "]:",
          orBlank(session.gateway(), ""), v -> gatewayProblem(v, address, mask));
      session = session.withEth0(address, mask, gateway);
    }
  }

  private void eth1() {
    if (session.eth1Address() == null) {
      out("The second Ethernet interface is currently disabled for this machine.");
    } else {
      out("Current eth1 interface IP address=[" + session.eth1Address() + "]");
      out("Current eth1 interface netmask=[" + session.eth1Netmask() + "]");
    }
    Choice c = configure("Configure eth1 interface parameters?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withEth1(null, null);
    } else if (c == Choice.YES) {
      out("Enter an IP address for second Ethernet interface of this machine (none disables it).");
      String address = ask("Enter eth1 IP address [" + orBlank(session.eth1Address(), "none") + "]:",
          orBlank(session.eth1Address(), "none"), v -> v.equals("none") ? Optional.empty()
              : SetupRules.ipv4Problem("eth1 IP address", v));
      if (address.equals("none")) {
        session = session.withEth1(null, null);
        return;
      }
      out("Enter the network mask for IP address " + address);
      session = session.withEth1(address, askNetmask("eth1 network mask", orBlank(session.eth1Netmask(), "255.255.255.0")));
    }
  }

  private void timeZone() {
    out("Current Timezone=[" + orBlank(session.timeZone(), "UTC") + "]");
    Choice c = configure("Configure Timezone?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withTimeZone("UTC");
    } else if (c == Choice.YES) {
      out("Please identify a location so that time zone rules can be set correctly.");
      session = session.withTimeZone(ask("Enter the time zone as Region/City (e.g. America/Los_Angeles), or UTC ["
          + orBlank(session.timeZone(), "UTC") + "]:", orBlank(session.timeZone(), "UTC"), SetupRules::timeZoneProblem));
    }
  }

  private void rootPassword() {
    out(session.rootPasswordVerifier() == null ? "Root password has not been configured" : "Root password is configured");
    Choice c = configure("Configure root password?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withRootPasswordVerifier(null);
    } else if (c == Choice.YES) {
      out("Changing password for user root.");
      out("You can now choose the new password.");
      out("A valid password should be a mix of upper and lower case letters, digits, and other characters. You can use"
          + " an 8 character long password with characters from all of these classes. An upper case letter that begins"
          + " the password and a digit that ends it do not count towards the number of character classes used.");
      session = session.withRootPasswordVerifier(newPassword("Enter new password:", "Retype new password:",
          SetupRules::rootPasswordProblem));
    }
  }

  private void adminServerPassword() {
    boolean set = session.adminServerPasswordVerifier() != null;
    out(set ? "Cisco Prime Infrastructure communication password is configured."
        : "Cisco Prime Infrastructure communication password has not been configured.");
    Choice c = configure("Configure Prime Infrastructure password?", set ? Choice.SKIP : Choice.YES);
    if (c == Choice.USE_DEFAULT) {
      session = session.withAdminServerPasswordVerifier(null);
      keepPiPassword(null); // a password typed earlier in this session is not applied either
    } else if (c == Choice.YES) {
      out("Enter a password for the admin user.");
      out("The admin user is used by the Prime Infrastructure and other northbound systems to authenticate their"
          + " SOAP/XML session with the server. Once this password is updated, it must correspondingly be updated on the"
          + " NCS page for MSE General Parameters so that the Prime Infrastructure can communicate with the MSE.");
      char[] password = newSecret("Enter password:", "Retype password:", MseSetup::piPasswordProblem);
      session = session.withAdminServerPasswordVerifier(AuthKeys.verifier(password));
      keepPiPassword(password);
    }
  }

  private void ntp() {
    out("Network Time Protocol (NTP) Setup.");
    out("If you choose to enable NTP, the system time will be configured from NTP servers that you select.");
    List<String> now = session.ntpServers();
    out(now == null || now.isEmpty() ? "NTP is currently disabled." : "NTP is currently enabled: " + String.join(", ", now));
    Choice c = configure("Configure NTP related parameters?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withNtpServers(List.of());
    } else if (c == Choice.YES) {
      boolean enable = askYesNo("Enable NTP", "Enable NTP (yes/no) [no]:", false);
      if (!enable) {
        out("NTP disabled: this machine keeps its own clock.");
        session = session.withNtpServers(List.of());
        return;
      }
      String first = ask("Enter NTP server name or address [" + DEFAULT_NTP + "]:", DEFAULT_NTP,
          v -> serverProblem("NTP server", v));
      String second = ask("Enter another NTP server IP address (or none) [none]:", "none",
          v -> v.equals("none") ? Optional.empty() : serverProblem("NTP server", v));
      session = session.withNtpServers(second.equals("none") ? List.of(first) : List.of(first, second));
    }
  }

  private void dns() {
    out("Current DNS servers=[" + String.join(",", session.dnsServers()) + "]");
    Choice c = configure("Configure DNS related parameters?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withDnsServers(List.of());
    } else if (c == Choice.YES) {
      boolean enable = askYesNo("Enable DNS", "Enable DNS (yes/no) [no]:", false);
      if (!enable) {
        session = session.withDnsServers(List.of());
        return;
      }
      String first = ask("Enter primary DNS server IP address:", "", v -> SetupRules.ipv4Problem("DNS server", v));
      String backup = ask("Enter backup DNS server IP address (or none) [none]:", "none",
          v -> v.equals("none") ? Optional.empty() : SetupRules.ipv4Problem("DNS server", v));
      session = session.withDnsServers(backup.equals("none") ? List.of(first) : List.of(first, backup));
    }
  }

  private void highAvailability() {
    out("Current role=[" + session.role().displayName() + "]");
    Choice c = configure("Configure High Availability?", Choice.SKIP);
    if (c == Choice.USE_DEFAULT) {
      session = session.withHighAvailability(MseSettings.Role.PRIMARY, "eth0", "none", null, null, false);
      return;
    }
    if (c == Choice.SKIP) {
      return;
    }
    out("High availability role for this MSE (Primary/Secondary)");
    MseSettings.Role role = ask("Select role [1 for Primary, 2 for Secondary] [" + session.role().number() + "]:",
        Integer.toString(session.role().number()), v -> v.equals("1") || v.equals("2") ? Optional.empty()
            : Optional.of("role: answer 1 (Primary) or 2 (Secondary)")).equals("1")
        ? MseSettings.Role.PRIMARY : MseSettings.Role.SECONDARY;
    out("Health monitor interface holds physical IP address of this MSE server.");
    out("This IP address is used by Secondary, Primary MSE servers and Prime Infrastructure to communicate among"
        + " themselves");
    String hm = ask("Select Health Monitor Interface [eth0/eth1] [" + session.healthMonitorInterface() + "]:",
        session.healthMonitorInterface(), v -> v.equals("eth0") || v.equals("eth1") ? Optional.empty()
            : Optional.of("Health Monitor Interface: answer eth0 or eth1"));
    out("-----");
    out("Direct connect configuration facilitates use of a direct cable connection between the primary and secondary"
        + " MSE servers.");
    out("This can help reduce latencies in heartbeat response times, data replication and failure detection times.");
    out("Please choose a network interface that you wish to use for direct connect. You should appropriately configure"
        + " the respective interfaces.");
    out("\"none\" implies you do not wish to use direct connect configuration.");
    out("-----");
    String direct = ask("Select direct connect interface [eth0/eth1/none] [" + session.directConnectInterface() + "]:",
        session.directConnectInterface(), v -> List.of("eth0", "eth1", "none").contains(v) && !v.equals(hm)
            ? Optional.empty() : Optional.of("Direct connect interface: answer eth0, eth1 or none, other than the Health"
            + " Monitor interface " + hm));
    String vip = null;
    String vipMask = null;
    boolean recovery = false;
    if (role == MseSettings.Role.PRIMARY) {
      String hmAddress = hm.equals("eth1") ? session.eth1Address() : session.eth0Address();
      out("Enter a Virtual IP address for the Primary MSE server");
      vip = ask("Enter Virtual IP address [" + orBlank(session.virtualIp(), "") + "]:", orBlank(session.virtualIp(), ""),
          v -> hmAddress == null ? SetupRules.ipv4Problem("Virtual IP address", v) : SetupRules.virtualIpProblem(v, hmAddress));
      out("Enter network mask for IP address " + vip);
      vipMask = askNetmask("Virtual IP netmask", orBlank(session.virtualIpNetmask(), "255.255.255.0"));
      out("Select to start the server in recovery mode.");
      out("You should choose yes only if this primary MSE was paired earlier and you have now lost the configuration"
          + " from this box.");
      out("And, now you want to restore the configuration from Secondary via Cisco Prime Infrastructure");
      recovery = askYesNo("HA recovery mode", "Do you wish to start this MSE in HA recovery mode?: (yes/no) [no]:", false);
    }
    session = session.withHighAvailability(role, hm, direct, vip, vipMask, recovery);
    // The guide goes on to the interfaces the role's answers use.
    eth0();
    eth1();
  }

  private void display() {
    out("Current configuration (applied with option 24: " + (applied == session ? "no changes pending" : "changes pending") + ")");
    Properties p = session.toProperties();
    p.stringPropertyNames().stream().sorted().forEach(k -> out("  " + k + "=" + (k.endsWith(".verifier") ? "(set)" : p.getProperty(k))));
    session.notConfigured().forEach(m -> out("  " + m));
  }

  /** Option 24: the summary, the question, the mandatory check; true when applied. */
  private boolean verifyAndApply() throws IOException {
    printSummary();
    out("You may enter \"yes\" to proceed with configuration, \"no\" to make more changes.");
    if (!askYesNo("verify", "Is the above information correct (yes or no):", null)) {
      return false;
    }
    List<String> conflicts = SetupSummary.conflicts(session);
    if (!conflicts.isEmpty()) {
      conflicts.forEach(this::out);
      out("These answers do not go together: change them, then select option 24 again. Nothing was applied.");
      return false;
    }
    out("-----");
    out("Checking mandatory configuration information...");
    List<String> missing = session.notConfigured();
    if (!missing.isEmpty()) {
      missing.forEach(this::out);
      out("**WARNING**");
      out("The above parameters are mandatory and need to be configured.");
      out("-----");
      if (!askYesNo("Ignore and proceed", "Ignore and proceed (yes/no):", null)) {
        return false;
      }
    }
    out("Setup will now attempt to apply the configuration.");
    apply();
    if (!missing.isEmpty()) {
      out("The system is minimally configured right now. It is strongly recommended that you run mse-setup again to"
          + " configure all mandatory parameters.");
    }
    return true;
  }

  private void printSummary() {
    out("Please verify the following setup information.");
    out("-----BEGIN-----");
    List<String> changes = SetupSummary.changes(applied, session);
    (changes.isEmpty() ? List.of("No changes") : changes).forEach(this::out);
    out("-----END-----");
  }

  private void apply() throws IOException {
    session.write(file);
    applied = session;
    out("Configuration applied to " + file + ". Start or restart the MSE for it to take effect.");
    if (piPassword != null) {
      try {
        org.ncsha.security.AuthKeyStore.forNode(file.getParent().getParent()).set(piPassword);
      } finally {
        Arrays.fill(piPassword, '\0');
        piPassword = null;
      }
      out("The Prime Infrastructure password is also this MSE's HA authentication key now: the admin server pairs and"
          + " watches it with that password (on a paired MSE, change it on both with 'ncs ha authkey').");
    }
  }

  // ---- prompts ----

  private Choice configure(String question, Choice byDefault) {
    String shown = switch (byDefault) {
      case YES -> "Yes";
      case SKIP -> "Skip";
      case USE_DEFAULT -> "Use default";
    };
    while (true) {
      String answer = line(question + " (Y)es/(S)kip/(U)se default [" + shown + "]:");
      try {
        return SetupRules.choice(answer, byDefault);
      } catch (IllegalArgumentException e) {
        out(e.getMessage());
      }
    }
  }

  /** Asks until {@code rule} accepts; an empty answer takes {@code byDefault} (when that is not empty). */
  private String ask(String prompt, String byDefault, Function<String, Optional<String>> rule) {
    while (true) {
      String answer = line(prompt).strip();
      String value = answer.isEmpty() ? byDefault : answer;
      Optional<String> problem = value.isEmpty() ? Optional.of(required(prompt)) : rule.apply(value);
      if (problem.isEmpty()) {
        return value;
      }
      out(problem.get());
    }
  }

  /** A yes/no question, asked until answered; without a default ({@code null}) an empty answer is asked again. */
  private boolean askYesNo(String field, String prompt, Boolean byDefault) {
    while (true) {
      String answer = line(prompt).strip();
      if (answer.isEmpty() && byDefault == null) {
        out(required(prompt));
        continue;
      }
      try {
        return SetupRules.yesNo(field, answer, Boolean.TRUE.equals(byDefault));
      } catch (IllegalArgumentException e) {
        out(e.getMessage());
      }
    }
  }

  /** What a prompt without a default says to an empty answer. */
  private static String required(String prompt) {
    return prompt.replaceAll("\\s*\\[.*$|:$", "") + ": an answer is required";
  }

  private String askNetmask(String field, String byDefault) {
    return ask("Enter network mask [" + byDefault + "]:", byDefault, v -> {
      try {
        SetupRules.prefixLength(field, v);
        return Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.of(e.getMessage());
      }
    });
  }

  /** A new password, typed twice, as its verifier; the typed characters are wiped. */
  private String newPassword(String prompt, String again, Function<char[], Optional<String>> rule) {
    char[] password = newSecret(prompt, again, rule);
    try {
      return AuthKeys.verifier(password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** Asks for a password twice until {@code rule} accepts it and both match; the caller wipes it. */
  private char[] newSecret(String prompt, String again, Function<char[], Optional<String>> rule) {
    while (true) {
      char[] first = secret(prompt);
      char[] second = null;
      boolean taken = false;
      try {
        Optional<String> problem = rule.apply(first);
        if (problem.isPresent()) {
          out(problem.get());
          continue;
        }
        second = secret(again);
        if (!Arrays.equals(first, second)) {
          out("Sorry, passwords do not match.");
          continue;
        }
        taken = true;
        return first;
      } finally {
        if (!taken) {
          Arrays.fill(first, '\0');
        }
        if (second != null) {
          Arrays.fill(second, '\0');
        }
      }
    }
  }

  private String line(String prompt) {
    String answer = terminal.readLine(prompt);
    if (answer == null) {
      throw new NoAnswer();
    }
    return answer;
  }

  private char[] secret(String prompt) {
    char[] answer = terminal.readSecret(prompt);
    if (answer == null) {
      throw new NoAnswer();
    }
    return answer;
  }

  private void out(String text) {
    terminal.out().println(text);
  }

  private static String orBlank(String value, String byDefault) {
    return value == null ? byDefault : value;
  }


  /** A domain name: dot-separated labels of letters, digits and dashes; blank for none. */
  static Optional<String> domainProblem(String v) {
    return v.isEmpty() || v.matches("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")
        ? Optional.empty()
        : Optional.of("Domain: '" + v + "' must be labels of letters, digits and dashes separated by dots (e.g. example.com)");
  }

  /** An NTP server: an IPv4 address in the form #.#.#.#, an IPv6 address, or a host name. */
  static Optional<String> serverProblem(String field, String v) {
    if (SetupRules.ipv4Problem(field, v).isEmpty() || v.matches("[0-9A-Fa-f:]+:[0-9A-Fa-f:.]*")
        || (!v.matches("[0-9.]+") && domainProblem(v).isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(field + ": '" + v + "' must be a host name, an address in the form #.#.#.# where # is 0 to 255,"
        + " or a colon-separated IPv6 address");
  }

  /** The guide: "the default gateway must be reachable from the first Ethernet interface". */
  static Optional<String> gatewayProblem(String gateway, String eth0, String netmask) {
    Optional<String> form = SetupRules.ipv4Problem("default gateway address", gateway);
    if (form.isPresent() || eth0 == null || netmask == null) {
      return form;
    }
    int prefix = SetupRules.prefixLength("eth0 network mask", netmask);
    try {
      Subnet subnet = new Subnet(java.net.InetAddress.getByName(eth0), prefix);
      return subnet.contains(gateway) ? Optional.empty() : Optional.of("default gateway address: " + gateway
          + " is not reachable from eth0 " + eth0 + "/" + prefix + "; the default gateway must be in the first Ethernet"
          + " interface's network");
    } catch (java.net.UnknownHostException e) {
      return Optional.of("eth0 IP address: '" + eth0 + "' is not an address");
    }
  }
}
