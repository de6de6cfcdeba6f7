package org.ncsha.peer;

import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;

/**
 * A command one Health Monitor queues on the other (abort registration, removal, failback, force
 * failover, changed HA settings). {@code detail} carries the e-mail list of changed settings.
 */
public class PeerCommandMessage {
  public String command;
  public String detail;
  public String address;
  public String failoverType;

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

  public static PeerCommandMessage acceptFailback(String secondaryAddress, FailoverType type) {
    return new PeerCommandMessage("accept-failback", null, secondaryAddress, type.wireName());
  }

  /** The administrator changed the pair's settings on the other server: its failover type and mail list. */
  public static PeerCommandMessage changeSettings(FailoverType type, String emails) {
    return new PeerCommandMessage("change-settings", emails, null, type.wireName());
  }

  /** The e-mail list of a settings change (comma-separated), or null for any other command. */
  public String settingsEmails() {
    return "change-settings".equals(command) ? (detail == null ? "" : detail) : null;
  }

  public static PeerCommandMessage forceFailover() {
    return new PeerCommandMessage("force-failover", null, null, null);
  }

  /** The command to queue on the receiving side. */
  public Command toCommand() {
    return switch (command == null ? "" : command) {
      case "abort-registration" -> new Command.AbortRegistration(detail);
      case "removed" -> new Command.PeerRemoved();
      case "accept-failback" -> new Command.AcceptFailback(address, FailoverType.fromWireName(failoverType));
      case "force-failover" -> new Command.ForceFailover();
      case "change-settings" -> new Command.AcceptSettings(FailoverType.fromWireName(failoverType));
      default -> throw new IllegalArgumentException("command: unknown peer command '" + command + "'");
    };
  }
}
