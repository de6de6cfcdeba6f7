package org.ncsha.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BandwidthTicketsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void nothing_is_admitted_without_the_ticket_handed_out() {
    BandwidthTickets tickets = new BandwidthTickets();
    assertFalse(tickets.admit("guess", T0), "before any ticket");
    tickets.issue(T0);
    assertFalse(tickets.admit("guess", T0));
    assertFalse(tickets.admit(null, T0));
  }

  @Test
  void a_ticket_serves_one_measurement_then_lapses() {
    BandwidthTickets tickets = new BandwidthTickets();
    String ticket = tickets.issue(T0);
    for (int i = 0; i < BandwidthTickets.REQUESTS; i++) {
      assertTrue(tickets.admit(ticket, T0.plusSeconds(1)), "request " + (i + 1));
    }
    assertFalse(tickets.admit(ticket, T0.plusSeconds(1)), "its requests are used up");
    String next = tickets.issue(T0.plusSeconds(2));
    assertFalse(tickets.admit(ticket, T0.plusSeconds(2)), "a new ticket replaces the old one");
    assertTrue(tickets.admit(next, T0.plusSeconds(2)));
    assertFalse(tickets.admit(next, T0.plusSeconds(2).plus(BandwidthTickets.VALID)), "and it expires");
  }
}
