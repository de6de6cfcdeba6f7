package org.ncsha.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ncsha.node.MailServer;

/** Against GreenMail, a real SMTP server on loopback. */
class SmtpMailerTest {
  private GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private SmtpMailer mailer() {
    return new SmtpMailer(new MailServer("127.0.0.1", smtp.getSmtp().getPort(), "ncs-ha@nms.example.com"));
  }

  @Test
  void everyAddressOfTheListGetsTheNotification() throws Exception {
    mailer().send(List.of("noc@example.com", "oncall@example.com"), "ncs-ha Secondary 10.0.0.2: Secondary Active - Failover completed",
        "Failover completed: the secondary is active\n");
    assertTrue(smtp.waitForIncomingEmail(5000, 2), "two deliveries");
    MimeMessage[] received = smtp.getReceivedMessages();
    // One delivery per recipient, each with the whole list in To.
    assertEquals(2, received.length);
    assertEquals("noc@example.com, oncall@example.com",
        GreenMailUtil.getAddressList(received[0].getRecipients(jakarta.mail.Message.RecipientType.TO)));
    assertEquals("ncs-ha Secondary 10.0.0.2: Secondary Active - Failover completed", received[0].getSubject());
    assertEquals("ncs-ha@nms.example.com", received[0].getFrom()[0].toString());
    assertTrue(GreenMailUtil.getBody(received[0]).contains("Failover completed: the secondary is active"));
  }

  @Test
  void aMailServerThatIsNotThereFailsWithTheReason() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    SmtpMailer nowhere = new SmtpMailer(new MailServer("127.0.0.1", closed, "ncs-ha@nms.example.com"));
    MessagingException e = assertThrows(MessagingException.class,
        () -> nowhere.send(List.of("noc@example.com"), "subject", "body"));
    assertTrue(e.getMessage().contains("127.0.0.1") || String.valueOf(e.getCause()).contains("Connection refused"), e.toString());
  }

  @Test
  void aMalformedAddressIsRefusedBeforeAnythingIsSent() {
    assertThrows(MessagingException.class, () -> mailer().send(List.of("not an address"), "subject", "body"));
    assertEquals(0, smtp.getReceivedMessages().length);
  }
}
