package org.ncsha.ha;

import java.util.Objects;

/**
 * One thing the runner must do. {@code detail} is its argument or, for mail, the message;
 * {@code peer} is the pair's configuration that SAVE_HA_CONFIG stores (null for every other kind),
 * typed so the runner never parses it back out of a string.
 */
public record Action(ActionKind kind, String detail, PeerSettings peer) {

  /** The other server and the failover type, as registration settles them. */
  public record PeerSettings(String address, FailoverType failoverType) {
    public PeerSettings {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(failoverType, "failoverType");
    }
  }

  public Action {
    Objects.requireNonNull(kind, "kind");
    detail = detail == null ? "" : detail;
    if ((kind == ActionKind.SAVE_HA_CONFIG) != (peer != null)) {
      throw new IllegalArgumentException("SAVE_HA_CONFIG, and only it, carries the pair's settings");
    }
  }

  public static Action of(ActionKind kind) {
    return new Action(kind, "", null);
  }

  public static Action of(ActionKind kind, String detail) {
    return new Action(kind, detail, null);
  }

  /** Stores the other server's address and the failover type (registration on either side). */
  public static Action saveHaConfig(String peerAddress, FailoverType failoverType) {
    return new Action(ActionKind.SAVE_HA_CONFIG, peerAddress + " " + failoverType.wireName(),
        new PeerSettings(peerAddress, failoverType));
  }
}
