package org.ncsha.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client of the managed application during maintenance: posts numbered devices, 10 a second,
 * for at most 10 minutes or 6,000 writes, to the primary and, while it does not take them, to
 * the secondary (which serves after a failover); remembers which were acknowledged and when.
 */
final class DeviceWriter implements AutoCloseable {
  final ConcurrentSkipListMap<String, Instant> acknowledged = new ConcurrentSkipListMap<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Thread thread = new Thread(this::run, "device-writer");
  private final Pair pair;
  private final String user;
  private final String password;
  /** Names differ between writers: a name is unique in the table. */
  private final String prefix;

  DeviceWriter(Pair pair, String user, String password, String prefix) {
    this.pair = pair;
    this.user = user;
    this.password = password;
    this.prefix = prefix;
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    Instant end = Instant.now().plus(Duration.ofMinutes(10));
    for (int i = 0; i < 6000 && !stop.get() && Instant.now().isBefore(end); i++) {
      String name = String.format("%s-%05d", prefix, i);
      for (String node : List.of("primary", "secondary")) {
        try {
          HttpResponse<String> r = pair.post(node, 9443, "/api/devices", user, password,
              "{\"name\":\"" + name + "\",\"address\":\"10.9." + (i / 250) + "." + (i % 250) + "\"}");
          if (r.statusCode() == 201) {
            acknowledged.put(name, Instant.now());
            break;
          }
        } catch (Exception e) {
          // That server restarts: not acknowledged there.
        }
      }
      try {
        Thread.sleep(100); // the pace of the load, not a wait for a condition
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  long acknowledgedSince(Instant since) {
    return acknowledged.values().stream().filter(t -> t.isAfter(since)).count();
  }

  /** The longest time without an acknowledged write from {@code since} to the last write seen. */
  Duration longestGapAfter(Instant since) {
    return longestGapBetween(since, Instant.MAX);
  }

  /** The longest time without an acknowledged write between two instants (writes seen up to {@code until}). */
  Duration longestGapBetween(Instant since, Instant until) {
    Duration longest = Duration.ZERO;
    Instant previous = since;
    for (Instant t : acknowledged.values().stream().filter(t -> t.isAfter(since) && t.isBefore(until)).sorted().toList()) {
      longest = Duration.between(previous, t).compareTo(longest) > 0 ? Duration.between(previous, t) : longest;
      previous = t;
    }
    return longest;
  }

  /**
   * How long writes were not taken between two instants: the sum of the gaps between acknowledged
   * writes longer than {@code slack} (the writer's own pace and a request's time are not outage).
   */
  Duration outageBetween(Instant since, Instant until, Duration slack) {
    Duration outage = Duration.ZERO;
    Instant previous = since;
    for (Instant t : acknowledged.values().stream().filter(t -> t.isAfter(since) && t.isBefore(until)).sorted().toList()) {
      Duration gap = Duration.between(previous, t);
      outage = gap.compareTo(slack) > 0 ? outage.plus(gap) : outage;
      previous = t;
    }
    return outage;
  }

  /** The acknowledged names missing from {@code stored}. */
  List<String> lostFrom(Set<String> stored) {
    return acknowledged.keySet().stream().filter(name -> !stored.contains(name)).toList();
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join(30_000);
  }
}
