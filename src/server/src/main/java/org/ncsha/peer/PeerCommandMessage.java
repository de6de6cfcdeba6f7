package org.ncsha.peer;

import org.ncsha.ha.Command;
import org.ncsha.ha.FailoverType;

/** A command one Health Monitor queues on the other (abort registration, removal, failback, force failover). */
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
      default -> throw new IllegalArgumentException("command: unknown peer command '" + command + "'");
    };
  }
}
