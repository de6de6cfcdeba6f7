package org.ncsha.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The time the runner reads: the system's in the server, a controlled one in its unit tests. */
@ApplicationScoped
public class Clocks {
  @Produces
  Clock clock() {
    return Clock.systemUTC();
  }
}
