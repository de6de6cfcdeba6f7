package org.ncsha.peer;

import java.util.regex.Pattern;
import org.ncsha.ha.Command;
import org.ncsha.ha.FailbackType;
import org.ncsha.ha.FailoverType;
import org.ncsha.ha.VirtualIps;

/**
 * A command one Health Monitor queues on the other (abort registration, removal, accepting a
 * failback, force failover, a rolling update's failback, changed HA settings). {@code detail}
 * carries the e-mail list of changed settings, {@code virtualIpv4} and {@code virtualIpv6} their
 * virtual IP (null or empty: none).
 */
public class PeerCommandMessage {
  /** What an address literal may hold: it ends up as an argument of {@code ip addr}. */
  private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  public String command;
  public String detail;
  public String address;
  public String failoverType;
  /** Absent from a peer of an earlier version: a settings change then keeps this server's. */
  public String failbackType;
  public String virtualIpv4;
  public String virtualIpv6;

  public PeerCommandMessage() {}

  private PeerCommandMessage(String command, String detail, String address, String failoverType) {
    this.command = command;
    this.detail = detail;
    this.address = address;
    this.failoverType = failoverType;
  }

  public static PeerCommandMessage abortRegistration(String reason) {
    return new PeerCommandMessage("abort-registration", reason, null, null);
  }

  public static PeerCommandMessage removed() {
    return new PeerCommandMessage("removed", null, null, null);
  }

  /** A failback onto a primary that may be replaced: the pair's settings go with it (types, virtual IP, mail list). */
  public static PeerCommandMessage acceptFailback(String secondaryAddress, FailoverType type, FailbackType failback,
      VirtualIps virtualIps, String emails) {
    PeerCommandMessage message = new PeerCommandMessage("accept-failback", emails, secondaryAddress, type.wireName());
    message.failbackType = failback.wireName();
    message.virtualIpv4 = virtualIps.ipv4();
    message.virtualIpv6 = virtualIps.ipv6();
    return message;
  }

  /** The administrator changed the pair's settings on the other server: failover and failback types, virtual IP, mail list. */
  public static PeerCommandMessage changeSettings(FailoverType type, FailbackType failback, VirtualIps virtualIps,
      String emails) {
    PeerCommandMessage message = new PeerCommandMessage("change-settings", emails, null, type.wireName());
    message.failbackType = failback.wireName();
    message.virtualIpv4 = virtualIps.ipv4();
    message.virtualIpv6 = virtualIps.ipv6();
    return message;
  }

  /**
   * The pair's e-mail list (comma-separated) that a settings change or a failback onto a
   * (replaced) primary carries; null for any other command, and for a failback from a secondary
   * of an earlier version, which sends none.
   */
  public String settingsEmails() {
    return switch (command == null ? "" : command) {
      case "change-settings" -> detail == null ? "" : detail;
      case "accept-failback" -> detail;
      default -> null;
    };
  }

  public static PeerCommandMessage forceFailover() {
    return new PeerCommandMessage("force-failover", null, null, null);
  }

  /** A rolling update switches back: the secondary's Failback, asked for by the primary. */
  public static PeerCommandMessage failback() {
    return new PeerCommandMessage("failback", null, null, null);
  }

  /** The command to queue on the receiving side. */
  public Command toCommand() {
    return switch (command == null ? "" : command) {
      case "abort-registration" -> new Command.AbortRegistration(detail);
      case "removed" -> new Command.PeerRemoved();
      case "accept-failback" -> new Command.AcceptFailback(address, FailoverType.fromWireName(failoverType),
          failbackSent(), new VirtualIps(literal("virtualIpv4", virtualIpv4), literal("virtualIpv6", virtualIpv6)));
      case "force-failover" -> new Command.ForceFailover();
      case "failback" -> new Command.Failback();
      case "change-settings" -> new Command.AcceptSettings(FailoverType.fromWireName(failoverType), failbackSent(),
          new VirtualIps(literal("virtualIpv4", virtualIpv4), literal("virtualIpv6", virtualIpv6)));
      default -> throw new IllegalArgumentException("command: unknown peer command '" + command + "'");
    };
  }

  /** The failback type sent, or null when a peer of an earlier version sent none. */
  private FailbackType failbackSent() {
    return failbackType == null ? null : FailbackType.fromWireName(failbackType);
  }

  private static String literal(String field, String value) {
    if (value != null && !value.isBlank() && !ADDRESS.matcher(value.strip()).matches()) {
      throw new IllegalArgumentException(field + ": '" + value + "' is not an IP address");
    }
    return value;
  }
}
