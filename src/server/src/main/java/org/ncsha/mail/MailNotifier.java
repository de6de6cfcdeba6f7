package org.ncsha.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaConfigRecord;
import org.ncsha.store.HaStore;

/**
 * The guide's email notifications on HA registration, failure, failover and failback: written on
 * the loop's thread from the Email Address list of the HA configuration, sent by {@link
 * MailOutbox} in the background so that a slow mail server never delays a failover, one at a
 * time in the order they were written (a "failover completed" never arrives before the "lost
 * the primary" that led to it).
 */
@ApplicationScoped
public class MailNotifier {
  private static final Logger LOG = Logger.getLogger(MailNotifier.class.getName());
  /** The guide's own event text for this case. */
  static final String NO_ADDRESS = "Failed to send email notification. Notification Email Address is not configured.";

  @Inject NodeSettings node;
  @Inject HaStore store;
  @Inject MailOutbox outbox;

  private final Queue<Notification> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean sending = new AtomicBoolean();

  public void notify(String state, String detail) {
    HaConfigRecord config = store.config();
    List<String> to = EmailList.parse(config.getEmails());
    if (to.isEmpty()) {
      if (node.mailServer().configured()) {
        store.recordEvent(Instant.now(), state, NO_ADDRESS);
      } else {
        LOG.info("HA notification (no mail server and no Email Address configured, not mailed): " + detail);
      }
      return;
    }
    Notification n = compose(to, config.getPeerAddress(), state, detail, Instant.now());
    if (!node.mailServer().configured()) {
      store.recordEvent(Instant.now(), state, "Failed to send email notification to " + String.join(", ", to)
          + ": no mail server is configured (mail.smtp.host in node.properties)");
      return;
    }
    pending.add(n);
    if (sending.compareAndSet(false, true)) {
      try {
        outbox.sendAll(this);
      } catch (RuntimeException e) {
        sending.set(false);
        LOG.warning("Email notifications could not be handed to the sender (" + e + "); " + pending.size() + " waiting");
      }
    }
  }

  /** The next notification to send, or null when there is none and the sender may stop. */
  public Notification next() {
    Notification n = pending.poll();
    if (n == null) {
      sending.set(false);
      // One may have come in between the poll and the reset: take it rather than strand it.
      if (!pending.isEmpty() && sending.compareAndSet(false, true)) {
        return next();
      }
    }
    return n;
  }

  Notification compose(List<String> to, String peer, String state, String detail, Instant time) {
    String role = node.installedAsSecondary() ? "Secondary" : "Primary";
    StringBuilder body = new StringBuilder()
        .append(detail).append("\n\n")
        .append("Server:          ").append(role).append(' ').append(node.address()).append('\n')
        .append("State:           ").append(state).append('\n')
        .append("Time (UTC):      ").append(time).append('\n')
        .append("Health Monitor:  ").append(healthMonitor(node.address())).append('\n');
    if (peer != null && !peer.isBlank()) {
      body.append("Other server:    ").append(healthMonitor(peer)).append('\n');
    }
    return new Notification(to, "ncs-ha " + role + " " + node.address() + ": " + state + " - " + detail, body.toString(), state);
  }

  private String healthMonitor(String address) {
    String host = address.contains(":") ? "[" + address + "]" : address;
    return "https://" + host + ":" + node.hmPort() + "/hm/index.xhtml";
  }
}
