package org.ncsha.readiness;

/**
 * What the server running the checks measured towards the other one: ICMP reachability, real
 * data sent to the bandwidth listener on 8085, request round trips, and the clock offset
 * (other minus this, from the middle of the request). {@code peerError} is set when the other
 * server's Health Monitor did not answer at all; {@code witness} is the etcd witness as this
 * server sees it.
 */
public record LinkFacts(
    Double pingMillis,
    String pingError,
    Double bandwidthMbps,
    Double latencyMillis,
    String bandwidthError,
    Long clockOffsetMillis,
    String peerError,
    WitnessFacts witness,
    VirtualIpFacts virtualIp) {

  public LinkFacts {
    witness = witness == null ? WitnessFacts.none(false) : witness;
    virtualIp = virtualIp == null ? VirtualIpFacts.NONE : virtualIp;
  }

  /** Without witness and virtual IP facts: manual failover, no witness, no virtual IP. */
  public LinkFacts(Double pingMillis, String pingError, Double bandwidthMbps, Double latencyMillis, String bandwidthError,
      Long clockOffsetMillis, String peerError) {
    this(pingMillis, pingError, bandwidthMbps, latencyMillis, bandwidthError, clockOffsetMillis, peerError, null, null);
  }
}
