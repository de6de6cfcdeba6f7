package org.ncsha.ha;

import java.util.Objects;

/**
 * An administrator's or the peer's request, queued by the runner and handed to the decider on
 * the next tick; buttons and REST calls never change state themselves.
 */
public sealed interface Command {

  /** The command as an administrator would name it in a message, e.g. "Failback". */
  String displayName();

  /** Primary, from the admin UI/REST: register the given secondary. */
  record Register(String secondaryAddress, FailoverType failoverType, FailbackType failbackType) implements Command {
    public Register {
      failoverType = failoverType == null ? FailoverType.MANUAL : failoverType;
      failbackType = failbackType == null ? FailbackType.MANUAL : failbackType;
    }

    @Override
    public String displayName() {
      return "Registration";
    }
  }

  /** Secondary, from the primary's peer call: clone the primary and become its standby. */
  record AcceptRegistration(String primaryAddress, FailoverType failoverType, FailbackType failbackType)
      implements Command {
    public AcceptRegistration {
      failoverType = failoverType == null ? FailoverType.MANUAL : failoverType;
      // A primary of an earlier version sends none: its pairs fail back by hand.
      failbackType = failbackType == null ? FailbackType.MANUAL : failbackType;
    }

    @Override
    public String displayName() {
      return "Accepting a registration";
    }
  }

  /** Either server, from the peer: the registration in progress is abandoned. */
  record AbortRegistration(String reason) implements Command {
    public AbortRegistration {
      reason = reason == null ? "" : reason;
    }

    @Override
    public String displayName() {
      return "Aborting the registration";
    }
  }

  /** Secondary, the Failover button: take over from a lost or failed primary. */
  record Failover() implements Command {
    @Override
    public String displayName() {
      return "Failover";
    }
  }

  /** Secondary, the Failback button: hand the active role back to the primary. */
  record Failback() implements Command {
    @Override
    public String displayName() {
      return "Failback";
    }
  }

  /**
   * Primary (or forwarded by the secondary's Force Failover button): step down although healthy
   * so that the secondary takes over.
   */
  record ForceFailover() implements Command {
    @Override
    public String displayName() {
      return "Force Failover";
    }
  }

  /**
   * Primary, admin UI or {@code ncs ha remove}: end HA on both servers. Without the secondary
   * answering, removal needs proof that its database is not writable ({@code peerDatabase},
   * measured by the runner before it submits) or the administrator's {@code peerIsDownConfirmed}
   * ({@code ncs ha remove --peer-is-down}): otherwise a secondary that took over would be left
   * writing beside a stand-alone primary.
   */
  record Remove(PeerDatabase peerDatabase, boolean peerIsDownConfirmed) implements Command {
    public Remove {
      peerDatabase = peerDatabase == null ? PeerDatabase.NOT_CHECKED : peerDatabase;
    }

    /** A removal while the secondary answers (Primary Active): nothing to prove. */
    public Remove() {
      this(PeerDatabase.NOT_CHECKED, false);
    }

    @Override
    public String displayName() {
      return "Remove HA";
    }
  }

  /** Secondary, from the primary's peer call: HA was removed, leave it too. */
  record PeerRemoved() implements Command {
    @Override
    public String displayName() {
      return "Leaving HA on the primary's request";
    }
  }

  /**
   * Primary, from the secondary's peer call when it starts a failback onto a primary that is
   * not (or no longer) configured, e.g. replaced hardware (guide: "How to Replace the Primary"):
   * the pair's settings a replaced primary does not have, the virtual IP among them (a secondary
   * of an earlier version sends none).
   */
  record AcceptFailback(String secondaryAddress, FailoverType failoverType, FailbackType failbackType,
      VirtualIps virtualIps) implements Command {
    public AcceptFailback {
      Objects.requireNonNull(secondaryAddress, "secondaryAddress");
      failoverType = failoverType == null ? FailoverType.MANUAL : failoverType;
      failbackType = failbackType == null ? FailbackType.MANUAL : failbackType;
      virtualIps = virtualIps == null ? VirtualIps.NONE : virtualIps;
    }

    public AcceptFailback(String secondaryAddress, FailoverType failoverType, FailbackType failbackType) {
      this(secondaryAddress, failoverType, failbackType, VirtualIps.NONE);
    }

    @Override
    public String displayName() {
      return "Accepting a failback";
    }
  }

  /**
   * Either server, from the admin UI/REST: the pair's Failover Type (the guide's patching
   * procedure sets it to Manual first), Failback Type (an MSE pair's) and virtual IP change while HA runs ({@link
   * VirtualIps#NONE} removes the address); the peer is told at once.
   */
  record ChangeSettings(FailoverType failoverType, FailbackType failbackType, VirtualIps virtualIps)
      implements Command {
    public ChangeSettings {
      Objects.requireNonNull(failoverType, "failoverType");
      Objects.requireNonNull(failbackType, "failbackType");
      Objects.requireNonNull(virtualIps, "virtualIps");
    }

    @Override
    public String displayName() {
      return "Changing the HA settings";
    }
  }

  /** Either server, from the peer's call: the administrator changed the pair's settings there. */
  record AcceptSettings(FailoverType failoverType, FailbackType failbackType, VirtualIps virtualIps)
      implements Command {
    /** A null failback type: the peer, of an earlier version, did not say; this server's is kept. */
    public AcceptSettings {
      Objects.requireNonNull(failoverType, "failoverType");
      Objects.requireNonNull(virtualIps, "virtualIps");
    }

    @Override
    public String displayName() {
      return "Taking the HA settings from the peer";
    }
  }
}
