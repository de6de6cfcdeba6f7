package org.ncsha.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.ncsha.node.MailServer;

/** Sends one plain-text mail through the configured SMTP server, bounded in time. */
public final class SmtpMailer {
  /** A mail server that hangs must not hold notifications (or a shutdown) for long. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final MailServer server;

  public SmtpMailer(MailServer server) {
    this.server = server;
  }

  public void send(List<String> to, String subject, String body) throws MessagingException {
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", server.host());
    p.setProperty("mail.smtp.port", Integer.toString(server.port()));
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
    p.setProperty("mail.smtp.writetimeout", Long.toString(TIMEOUT.toMillis()));
    // Upgrade to TLS whenever the server offers it; a relay on loopback may not.
    p.setProperty("mail.smtp.starttls.enable", "true");
    Session session = Session.getInstance(p);
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(server.from(), true));
    InternetAddress[] recipients = new InternetAddress[to.size()];
    for (int i = 0; i < to.size(); i++) {
      recipients[i] = new InternetAddress(to.get(i), true);
    }
    message.setRecipients(Message.RecipientType.TO, recipients);
    message.setSubject(subject, StandardCharsets.UTF_8.name());
    message.setText(body, StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    Transport.send(message);
  }
}
