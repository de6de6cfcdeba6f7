package org.ncsha.peer;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Who may send to the bandwidth listener on 8085: only the holder of the one ticket this server
 * last handed out in a signed peer exchange, for {@link #VALID} and {@link #REQUESTS} requests
 * (a measurement's round trips and its bulk send). A new ticket replaces the old one, so there is
 * one measurement at a time; without a ticket the listener reads nothing.
 */
@ApplicationScoped
public class BandwidthTickets {
  static final Duration VALID = Duration.ofSeconds(30);
  static final int REQUESTS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private String ticket;
  private Instant expires = Instant.EPOCH;
  private int requestsLeft;

  public synchronized String issue(Instant now) {
    byte[] random = new byte[24];
    RANDOM.nextBytes(random);
    ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    expires = now.plus(VALID);
    requestsLeft = REQUESTS;
    return ticket;
  }

  /** Whether a request with this ticket may send now; each admitted request uses one up. */
  public synchronized boolean admit(String presented, Instant now) {
    if (ticket == null || presented == null || !now.isBefore(expires) || requestsLeft <= 0
        || !java.security.MessageDigest.isEqual(ticket.getBytes(), presented.getBytes())) {
      return false;
    }
    requestsLeft--;
    return true;
  }
}
