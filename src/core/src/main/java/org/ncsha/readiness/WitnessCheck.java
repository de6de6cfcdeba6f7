package org.ncsha.readiness;

/**
 * HA - WITNESS (not in the guide): automatic failover without a witness can split the brain
 * during a partition, which the guide accepts and documents (S3); an unreachable witness blocks
 * every failover, since a node promotes only with the lease.
 */
final class WitnessCheck {
  private WitnessCheck() {}

  static CheckResult witness(Facts f) {
    WitnessFacts w = f.link().witness();
    if (!w.configured()) {
      return w.automaticFailover()
          ? CheckResult.warning(Check.WITNESS, null,
              "automatic failover without a witness: during a partition both servers accept writes until the link returns",
              "Set witness.etcd.endpoints on both servers (an etcd both reach), or use manual failover.")
          : CheckResult.pass(Check.WITNESS, null, "no witness; manual failover: the administrator decides");
    }
    if (!w.reachable()) {
      return CheckResult.fail(Check.WITNESS, null, "the witness " + String.join(", ", w.endpoints()) + " does not answer"
          + (w.error() == null ? "" : ": " + w.error()) + "; no failover can happen until it does",
          "Check etcd and the network path from both servers to it.");
    }
    return CheckResult.pass(Check.WITNESS, null, "the witness " + String.join(", ", w.endpoints()) + " answers; "
        + (w.holder() == null ? "nobody holds the lease" : "the lease is held by " + w.holder()));
  }
}
