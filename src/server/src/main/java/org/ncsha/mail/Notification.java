package org.ncsha.mail;

import java.util.List;

/** One HA state-change mail: who gets it and what it says. */
public record Notification(List<String> to, String subject, String body, String state) {
  public Notification {
    to = List.copyOf(to);
  }
}
