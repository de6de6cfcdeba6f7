package org.ncsha.peer;

/**
 * The bandwidth listener's side of the peer protocol: the ticket a measurement carries (handed
 * out by {@code POST /api/peer/bandwidth-ticket}) and what the listener's signed arrival time
 * covers, so the measuring server and the listener agree on both.
 */
public final class BandwidthProtocol {
  public static final String TICKET_HEADER = "X-NCS-Bandwidth-Ticket";
  public static final String TICKET_PATH = "/api/peer/bandwidth-ticket";

  private BandwidthProtocol() {}

  /** The text the arrival-time signature covers: the ticket binds it to this measurement. */
  public static String clockSigned(String ticket, long clockMillis) {
    return "bandwidth clock\n" + ticket + "\n" + clockMillis;
  }
}
