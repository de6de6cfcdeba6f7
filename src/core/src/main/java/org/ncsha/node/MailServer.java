package org.ncsha.node;

/**
 * Where HA notifications go out: an SMTP server, as the guide's Mail Server Configuration.
 *
 * @param host null when no mail server is configured: notifications are then only events
 * @param from the sender address of every notification
 */
public record MailServer(String host, int port, String from) {

  public boolean configured() {
    return host != null && !host.isBlank();
  }
}
