package org.ncsha.ha;

import java.util.Objects;

/**
 * One thing the runner must do. {@code detail} is its argument or, for mail, the message;
 * {@code peer} is the pair's configuration that SAVE_HA_CONFIG stores and {@code virtualIps} the
 * addresses CHANGE_VIRTUAL_IP moves to (each null for every other kind), typed so the runner never
 * parses them back out of a string.
 */
public record Action(ActionKind kind, String detail, PeerSettings peer, VirtualIps virtualIps) {

  /** The other server and the failover and failback types, as registration settles them. */
  public record PeerSettings(String address, FailoverType failoverType, FailbackType failbackType) {
    public PeerSettings {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(failoverType, "failoverType");
      Objects.requireNonNull(failbackType, "failbackType");
    }
  }

  public Action {
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
    if ((kind == ActionKind.SAVE_HA_CONFIG) != (peer != null)) {
      throw new IllegalArgumentException("SAVE_HA_CONFIG, and only it, carries the pair's settings");
    }
    if ((kind == ActionKind.CHANGE_VIRTUAL_IP) != (virtualIps != null)) {
      throw new IllegalArgumentException("CHANGE_VIRTUAL_IP, and only it, carries virtual addresses");
    }
  }

  public static Action of(ActionKind kind) {
    return new Action(kind, "", null, null);
  }

  public static Action of(ActionKind kind, String detail) {
    return new Action(kind, detail, null, null);
  }

  /** Stores the other server's address and the failover and failback types (registration on either side). */
  public static Action saveHaConfig(String peerAddress, FailoverType failoverType, FailbackType failbackType) {
    return new Action(ActionKind.SAVE_HA_CONFIG, peerAddress + " " + failoverType.wireName() + " "
        + failbackType.wireName() + "-failback", new PeerSettings(peerAddress, failoverType, failbackType), null);
  }

  /** The pair's virtual IP becomes {@code to} (a settings change on the running pair). */
  public static Action changeVirtualIp(VirtualIps to) {
    return new Action(ActionKind.CHANGE_VIRTUAL_IP, to.describe(), null, to);
  }
}
