package org.ncsha.mse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The setup script's option 24 text, in the guide's words: "Please verify the following setup
 * information", the parameters changed in this session between -----BEGIN----- and -----END-----
 * (passwords only as "is changed"), then the mandatory check.
 */
public final class SetupSummary {
  private SetupSummary() {}

  /** The lines between BEGIN and END for what differs from {@code applied}; empty when nothing does. */
  public static List<String> changes(MseSettings applied, MseSettings session) {
    List<String> lines = new ArrayList<>();
    if (!Objects.equals(applied.hostname(), session.hostname())) {
      lines.add("Hostname=" + session.hostname());
    }
    if (!Objects.equals(applied.domain(), session.domain())) {
      lines.add("Domain=" + session.domain());
    }
    if (applied.role() != session.role() || !Objects.equals(applied.healthMonitorInterface(), session.healthMonitorInterface())
        || !Objects.equals(applied.directConnectInterface(), session.directConnectInterface())
        || !Objects.equals(applied.virtualIp(), session.virtualIp())
        || !Objects.equals(applied.virtualIpNetmask(), session.virtualIpNetmask())
        || applied.recoveryMode() != session.recoveryMode()) {
      lines.add("Role= " + session.role().number() + ", Health Monitor Interface=" + session.healthMonitorInterface()
          + ", Direct connect interface=" + session.directConnectInterface());
      if (session.virtualIp() != null) {
        lines.add("Virtual IP Address=" + session.virtualIp() + ", Virtual IP Netmask=" + session.virtualIpNetmask());
      }
      if (session.recoveryMode()) {
        lines.add("Start in HA recovery mode=yes");
      }
    }
    if (!Objects.equals(applied.eth0Address(), session.eth0Address()) || !Objects.equals(applied.eth0Netmask(), session.eth0Netmask())
        || !Objects.equals(applied.gateway(), session.gateway())) {
      lines.add("Eth0 IP address=" + session.eth0Address() + ", Eth0 network mask=" + session.eth0Netmask());
      lines.add("Default Gateway=" + session.gateway());
    }
    if (!Objects.equals(applied.eth1Address(), session.eth1Address()) || !Objects.equals(applied.eth1Netmask(), session.eth1Netmask())) {
      lines.add(session.eth1Address() == null ? "Eth1 interface=disabled"
          : "Eth1 IP address=" + session.eth1Address() + ", Eth1 network mask=" + session.eth1Netmask());
    }
    if (!Objects.equals(applied.timeZone(), session.timeZone())) {
      lines.add("Time zone=" + session.timeZone());
    }
    if (!applied.dnsServers().equals(session.dnsServers())) {
      lines.add("Enable DNS=" + (session.dnsServers().isEmpty() ? "no" : "yes, DNS servers=" + String.join(",", session.dnsServers())));
    }
    if (!Objects.equals(applied.ntpServers(), session.ntpServers())) {
      lines.add("Enable NTP=" + (session.ntpServers().isEmpty() ? "no" : "yes, NTP servers=" + String.join(",", session.ntpServers())));
    }
    if (!Objects.equals(applied.rootPasswordVerifier(), session.rootPasswordVerifier())) {
      lines.add("Root password is changed.");
    }
    if (!Objects.equals(applied.adminServerPasswordVerifier(), session.adminServerPasswordVerifier())) {
      lines.add("Cisco Prime Infrastructure password is changed.");
    }
    return lines;
  }

  /**
   * Answers that are each valid but wrong together, which option 24 refuses to apply: the virtual
   * IP on the Health Monitor interface's address, a direct-connect interface that is the Health
   * Monitor's own, or one that is not configured.
   */
  public static List<String> conflicts(MseSettings s) {
    List<String> problems = new ArrayList<>();
    String hm = s.healthMonitorAddress();
    if (s.virtualIp() != null && hm != null) {
      SetupRules.virtualIpProblem(s.virtualIp(), hm).ifPresent(problems::add);
    }
    if (s.directConnectInterface().equals(s.healthMonitorInterface())) {
      problems.add("Direct connect interface: " + s.directConnectInterface() + " is the Health Monitor interface; choose"
          + " the other interface or none");
    }
    if ("eth1".equals(s.directConnectInterface()) && s.eth1Address() == null) {
      problems.add("Direct connect interface: eth1 is disabled; configure it (option 10) or choose none");
    }
    return problems;
  }
}
