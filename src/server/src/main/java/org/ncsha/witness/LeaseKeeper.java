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

  /**
   * What the rounds have found, published whole: the readers (the fence check, on a timer of its
   * own, and the loop) never wait behind a round whose calls to etcd hang, which would delay a
   * fence past the margin and let the other server take the lease while this one still writes.
   */
  private record Found(long leaseId, long renewedAt, boolean reachable, String holder, String lastError) {
    Found withoutLease() {
      return new Found(0, renewedAt, reachable, holder, lastError);
    }
  }

  private volatile Found found = new Found(0, 0, false, null, null);

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

  /** One round: renew or take the lease when {@code wanted}, give it up when not. One round at a time. */
  public synchronized void step(boolean wanted) {
    long start = nanoClock.getAsLong();
    Found now = found;
    try {
      if (wanted) {
        if (now.leaseId() != 0 && etcd.keepAlive(now.leaseId()) > 0) {
          found = new Found(now.leaseId(), start, true, value, null);
        } else {
          found = now.withoutLease();
          take(start);
        }
      } else {
        if (now.leaseId() != 0) {
          // Never counted as held again, even if the revoke does not arrive.
          found = now.withoutLease();
          etcd.revoke(now.leaseId());
        }
        found = new Found(0, now.renewedAt(), true, etcd.holder(key), null);
      }
    } catch (WitnessException e) {
      Found f = found;
      found = new Found(f.leaseId(), f.renewedAt(), false, f.holder(), e.getMessage());
    }
  }

  private void take(long start) throws WitnessException {
    long id = etcd.grant(ttlSeconds);
    String other = etcd.acquire(key, value, id);
    if (other == null) {
      found = new Found(id, start, true, value, null);
    } else {
      found = new Found(0, found.renewedAt(), true, other, null);
      etcd.revoke(id);
    }
  }

  /** Whether this node holds the key under a lease renewed recently enough (margin taken off). */
  public boolean held() {
    return held(found);
  }

  private boolean held(Found f) {
    return f.leaseId() != 0 && nanoClock.getAsLong() - f.renewedAt() < safeNanos;
  }

  public WitnessView view() {
    Found f = found;
    return new WitnessView(true, f.reachable(), held(f), f.holder());
  }

  /** Seconds until this node stops counting its lease as held (0 when it holds none). */
  public long safeSecondsLeft() {
    Found f = found;
    return held(f) ? Math.max(0, (safeNanos - (nanoClock.getAsLong() - f.renewedAt())) / 1_000_000_000L) : 0;
  }

  public long ttlSeconds() {
    return ttlSeconds;
  }

  public String lastError() {
    return found.lastError();
  }
}
