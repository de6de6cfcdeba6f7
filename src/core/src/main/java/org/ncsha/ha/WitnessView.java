package org.ncsha.ha;

/**
 * What this node knows of the optional etcd witness right now: whether one is configured,
 * whether it answered the last call, whether this node holds the leader key under a lease it
 * renewed in time (with the fencing margin already taken off), and who holds the key.
 */
public record WitnessView(boolean configured, boolean reachable, boolean leaseHeld, String holder) {

  /** No witness configured: the guide's behaviour. */
  public static final WitnessView NONE = new WitnessView(false, false, false, null);

  /** A witness is configured but not asked yet (just after a start): no lease. */
  public static final WitnessView NOT_ASKED_YET = new WitnessView(true, false, false, null);

  /** Whether the witness lets this node serve (or promote): none configured, or the lease is ours. */
  public boolean permitsServing() {
    return !configured || leaseHeld;
  }

  /** For messages: who holds the lease, or why nobody can be named. */
  public String describeHolder() {
    if (!reachable) {
      return "the witness has not answered";
    }
    return holder == null ? "nobody holds the lease" : "the lease is held by " + holder;
  }
}
