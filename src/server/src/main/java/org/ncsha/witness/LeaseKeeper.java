package org.ncsha.witness;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.ncsha.ha.WitnessView;

/**
 * Holds (or tries to take, or gives up) this node's leader key in etcd, one round per call to
 * {@link #step}. Whether the lease is held is a matter of time as much as of answers: it counts
 * from the start of the last successful renewal, less the fencing margin, so a node whose calls
 * hang still learns in time that it must stop serving, before etcd lets the lease expire.
 */
public final class LeaseKeeper {
  private final EtcdWitness etcd;
  private final String key;
  private final String value;
  private final long ttlSeconds;
  private final long safeNanos;
  private final LongSupplier nanoClock;

  private long leaseId;
  private long renewedAt;
  private boolean reachable;
  private String holder;
  private String lastError;

  /**
   * @param value what this node writes under the key (its address)
   * @param margin how long before the lease expires this node stops counting it as held
   */
  public LeaseKeeper(EtcdWitness etcd, String key, String value, Duration ttl, Duration margin, LongSupplier nanoClock) {
    this.etcd = etcd;
    this.key = key;
    this.value = value;
    this.ttlSeconds = Math.max(2, (ttl.toMillis() + 999) / 1000);
    long safe = Duration.ofSeconds(ttlSeconds).minus(margin).toNanos();
    if (safe <= 0) {
      throw new IllegalArgumentException("the fencing margin " + margin + " must be shorter than the lease TTL " + ttlSeconds + " s");
    }
    this.safeNanos = safe;
    this.nanoClock = nanoClock;
  }

  /** One round: renew or take the lease when {@code wanted}, give it up when not. */
  public synchronized void step(boolean wanted) {
    long start = nanoClock.getAsLong();
    try {
      if (wanted) {
        if (leaseId != 0 && etcd.keepAlive(leaseId) > 0) {
          renewedAt = start;
          holder = value;
        } else {
          leaseId = 0;
          take(start);
        }
      } else {
        if (leaseId != 0) {
          long id = leaseId;
          leaseId = 0; // never counted as held again, even if the revoke does not arrive
          etcd.revoke(id);
        }
        holder = etcd.holder(key);
      }
      reachable = true;
      lastError = null;
    } catch (WitnessException e) {
      reachable = false;
      lastError = e.getMessage();
    }
  }

  private void take(long start) throws WitnessException {
    long id = etcd.grant(ttlSeconds);
    String other = etcd.acquire(key, value, id);
    if (other == null) {
      leaseId = id;
      renewedAt = start;
      holder = value;
    } else {
      holder = other;
      etcd.revoke(id);
    }
  }

  /** Whether this node holds the key under a lease renewed recently enough (margin taken off). */
  public synchronized boolean held() {
    return leaseId != 0 && nanoClock.getAsLong() - renewedAt < safeNanos;
  }

  public synchronized WitnessView view() {
    return new WitnessView(true, reachable, held(), holder);
  }

  /** Seconds until this node stops counting its lease as held (0 when it holds none). */
  public synchronized long safeSecondsLeft() {
    return held() ? Math.max(0, (safeNanos - (nanoClock.getAsLong() - renewedAt)) / 1_000_000_000L) : 0;
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  public synchronized String lastError() {
    return lastError;
  }
}
