package org.ncsha.mail;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ncsha.node.NodeSettings;
import org.ncsha.store.HaStore;

/**
 * Sends notifications off the HA loop's thread. A mail server that is down for a moment gets
 * two more tries; a notification that still cannot go out becomes an HA event, so it is never
 * lost silently.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// No transaction around the retries: the event, if any, is written in its own (HaStore's).
@TransactionManagement(TransactionManagementType.BEAN)
public class MailOutbox {
  private static final Logger LOG = Logger.getLogger(MailOutbox.class.getName());
  static final List<Duration> RETRIES = List.of(Duration.ofSeconds(5), Duration.ofSeconds(30));

  @Inject NodeSettings node;
  @Inject HaStore store;

  /** Sends what the notifier has queued, in order, until it has nothing more. */
  @Asynchronous
  public void sendAll(MailNotifier source) {
    for (Notification n = source.next(); n != null; n = source.next()) {
      try {
        deliver(n);
      } catch (RuntimeException e) {
        // The store may be gone at shutdown: the next notification still gets its turn.
        LOG.log(Level.WARNING, "Email notification not handled: " + n.subject(), e);
      }
    }
  }

  private void deliver(Notification n) {
    SmtpMailer mailer = new SmtpMailer(node.mailServer());
    String to = String.join(", ", n.to());
    for (int attempt = 0; ; attempt++) {
      try {
        mailer.send(n.to(), n.subject(), n.body());
        LOG.info("Sent email notification to " + to + ": " + n.subject());
        return;
      } catch (MessagingException | RuntimeException e) {
        if (attempt >= RETRIES.size()) {
          LOG.log(Level.WARNING, "Email notification to " + to + " failed " + (attempt + 1) + " times", e);
          store.recordEvent(Instant.now(), n.state(), "Failed to send email notification to " + to + " through "
              + node.mailServer().host() + ":" + node.mailServer().port() + ": " + e.getMessage());
          return;
        }
        LOG.warning("Email notification to " + to + " failed (" + e.getMessage() + "), trying again in "
            + RETRIES.get(attempt).toSeconds() + " s");
        try {
          Thread.sleep(RETRIES.get(attempt).toMillis());
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          LOG.warning("Email notification to " + to + " abandoned at shutdown: " + n.subject());
          return;
        }
      }
    }
  }
}
