package org.ncsha.mse;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the MSE setup script configures, as its option 24 applies it to
 * {@code <node>/etc/mse-setup.properties}. A mandatory parameter the administrator has not yet
 * configured is null (the guide: "the following parameters are mandatory and must be configured
 * at least once"); the passwords are kept only as verifiers (salted PBKDF2, never the password).
 *
 * @param eth1Address null while the second interface is disabled
 * @param ntpServers empty with NTP disabled; null before NTP was configured at all
 * @param virtualIp the primary's virtual IP; null on a secondary
 */
public record MseSettings(String hostname, String domain, String eth0Address, String eth0Netmask, String gateway,
    String eth1Address, String eth1Netmask, String timeZone, List<String> ntpServers, List<String> dnsServers,
    Role role, String healthMonitorInterface, String directConnectInterface, String virtualIp,
    String virtualIpNetmask, boolean recoveryMode, String rootPasswordVerifier, String adminServerPasswordVerifier) {

  /** The guide's "High availability role for this MSE (Primary/Secondary)", 1 and 2 in its prompt. */
  public enum Role {
    PRIMARY, SECONDARY;

    public int number() {
      return ordinal() + 1;
    }

    public String displayName() {
      return this == PRIMARY ? "Primary" : "Secondary";
    }
  }

  /** The file's path under the node directory. */
  public static final String RELATIVE_PATH = "etc/mse-setup.properties";

  /** The setup file of the node in {@code nodeDir}. */
  public static java.nio.file.Path fileIn(java.nio.file.Path nodeDir) {
    return nodeDir.resolve(RELATIVE_PATH);
  }
  /** A fresh appliance's values: every mandatory parameter unset, a primary on eth0 without direct connect. */
  public static final MseSettings INITIAL = new MseSettings(null, "", null, null, null, null, null, null, null,
      List.of(), Role.PRIMARY, "eth0", "none", null, null, false, null, null);

  public MseSettings {
    ntpServers = ntpServers == null ? null : List.copyOf(ntpServers);
    dnsServers = List.copyOf(dnsServers);
  }

  /**
   * The mandatory parameters not configured yet, in the guide's order and words ("Root password:
   * Not configured"). The Health Monitor on eth1 needs eth1, and a primary its virtual IP.
   */
  public List<String> notConfigured() {
    List<String> missing = new ArrayList<>();
    if (hostname == null) {
      missing.add("Hostname: Not configured");
    }
    if (eth0Address == null) {
      missing.add("Network interface eth0: Not configured");
    }
    if (timeZone == null) {
      missing.add("Timezone settings: Not configured");
    }
    if (rootPasswordVerifier == null) {
      missing.add("Root password: Not configured");
    }
    if (ntpServers == null) {
      missing.add("NTP settings: Not configured");
    }
    if (adminServerPasswordVerifier == null) {
      missing.add("Prime Infrastructure password: Not configured");
    }
    if ("eth1".equals(healthMonitorInterface) && eth1Address == null) {
      missing.add("Network interface eth1: Not configured, and the Health Monitor interface is eth1");
    }
    if (role == Role.PRIMARY && virtualIp == null) {
      missing.add("Virtual IP address: Not configured for this Primary MSE");
    }
    return missing;
  }

  /** The Health Monitor interface's network prefix length (24 for 255.255.255.0); -1 when its netmask is not set. */
  public int healthMonitorPrefixLength() {
    String netmask = "eth1".equals(healthMonitorInterface) ? eth1Netmask : eth0Netmask;
    return netmask == null ? -1 : SetupRules.prefixLength("netmask", netmask);
  }

  /** The Health Monitor interface's address: the one the pair and the admin server use. */
  public String healthMonitorAddress() {
    return "eth1".equals(healthMonitorInterface) ? eth1Address : eth0Address;
  }

  public MseSettings withHostname(String value) {
    return new MseSettings(value, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  public MseSettings withDomain(String value) {
    return new MseSettings(hostname, value, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  public MseSettings withEth0(String address, String netmask, String defaultGateway) {
    return new MseSettings(hostname, domain, address, netmask, defaultGateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  public MseSettings withEth1(String address, String netmask) {
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, address, netmask, timeZone,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  public MseSettings withTimeZone(String value) {
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, value,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  public MseSettings withNtpServers(List<String> value) {
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        value, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  public MseSettings withDnsServers(List<String> value) {
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, value, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  /** The High availability role option's answers; a secondary has no virtual IP of its own. */
  public MseSettings withHighAvailability(Role newRole, String hmInterface, String directConnect, String vip,
      String vipNetmask, boolean recovery) {
    boolean primary = newRole == Role.PRIMARY;
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, dnsServers, newRole, hmInterface, directConnect, primary ? vip : null, primary ? vipNetmask : null,
        primary && recovery, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  public MseSettings withRootPasswordVerifier(String verifier) {
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, verifier, adminServerPasswordVerifier);
  }

  public MseSettings withAdminServerPasswordVerifier(String verifier) {
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        recoveryMode, rootPasswordVerifier, verifier);
  }

  /**
   * HA recovery mode ends once the failback from the secondary made this primary part of the
   * pair again: from then on it starts as any configured primary.
   */
  public MseSettings withoutRecoveryMode() {
    return new MseSettings(hostname, domain, eth0Address, eth0Netmask, gateway, eth1Address, eth1Netmask, timeZone,
        ntpServers, dnsServers, role, healthMonitorInterface, directConnectInterface, virtualIp, virtualIpNetmask,
        false, rootPasswordVerifier, adminServerPasswordVerifier);
  }

  /** Writes these settings to {@code file} (0600: it holds the password verifiers). */
  public void write(java.nio.file.Path file) throws java.io.IOException {
    java.nio.file.Files.createDirectories(file.getParent());
    java.io.StringWriter text = new java.io.StringWriter();
    toProperties().store(text, "MSE setup (mse-setup option 24); passwords as salted verifiers only");
    org.ncsha.security.SecureFiles.writePrivate(file, text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** As stored: one property per parameter, absent when not configured. */
  public Properties toProperties() {
    Properties p = new Properties();
    put(p, "hostname", hostname);
    put(p, "domain", domain);
    put(p, "eth0.address", eth0Address);
    put(p, "eth0.netmask", eth0Netmask);
    put(p, "gateway", gateway);
    put(p, "eth1.address", eth1Address);
    put(p, "eth1.netmask", eth1Netmask);
    put(p, "timezone", timeZone);
    put(p, "ntp.servers", ntpServers == null ? null : String.join(",", ntpServers));
    put(p, "dns.servers", String.join(",", dnsServers));
    put(p, "ha.role", role.name().toLowerCase(java.util.Locale.ROOT));
    put(p, "ha.healthmonitor.interface", healthMonitorInterface);
    put(p, "ha.directconnect.interface", directConnectInterface);
    put(p, "ha.virtualip", virtualIp);
    put(p, "ha.virtualip.netmask", virtualIpNetmask);
    put(p, "ha.recoverymode", Boolean.toString(recoveryMode));
    put(p, "root.password.verifier", rootPasswordVerifier);
    put(p, "pi.password.verifier", adminServerPasswordVerifier);
    return p;
  }

  /** What {@link #toProperties} wrote; a parameter absent from the file is not configured. */
  public static MseSettings fromProperties(Properties p) {
    String ntp = p.getProperty("ntp.servers");
    return new MseSettings(p.getProperty("hostname"), p.getProperty("domain", ""), p.getProperty("eth0.address"),
        p.getProperty("eth0.netmask"), p.getProperty("gateway"), p.getProperty("eth1.address"),
        p.getProperty("eth1.netmask"), p.getProperty("timezone"), ntp == null ? null : list(ntp),
        list(p.getProperty("dns.servers", "")),
        Role.valueOf(p.getProperty("ha.role", "primary").toUpperCase(java.util.Locale.ROOT)),
        p.getProperty("ha.healthmonitor.interface", "eth0"), p.getProperty("ha.directconnect.interface", "none"),
        p.getProperty("ha.virtualip"), p.getProperty("ha.virtualip.netmask"),
        Boolean.parseBoolean(p.getProperty("ha.recoverymode", "false")), p.getProperty("root.password.verifier"),
        p.getProperty("pi.password.verifier"));
  }

  /** What the file at {@code file} holds; {@link #INITIAL} when setup has not written it yet. */
  public static MseSettings read(java.nio.file.Path file) throws java.io.IOException {
    if (!java.nio.file.Files.exists(file)) {
      return INITIAL;
    }
    Properties p = new Properties();
    try (var in = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
      p.load(in);
    }
    return fromProperties(p);
  }

  private static void put(Properties p, String key, String value) {
    if (value != null) {
      p.setProperty(key, value);
    }
  }

  /** A comma-separated list; blank gives none. */
  public static List<String> list(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
