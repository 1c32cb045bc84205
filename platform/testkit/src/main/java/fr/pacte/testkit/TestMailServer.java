package fr.pacte.testkit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import fr.pacte.server.config.PacteConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A real SMTP server in the test's JVM (GreenMail) on a free loopback port. Give it to
 * {@link TestPlatform.Builder#mailServer}; read what arrived with {@link #received} or wait with {@link #awaitTo}.
 */
public final class TestMailServer implements AutoCloseable {

  /** A mail as it arrived. */
  public record Received(String from, List<String> to, String subject, String body) {
  }

  private final GreenMail server;
  private final int port;

  private TestMailServer(GreenMail server, int port) {
    this.server = server;
    this.port = port;
  }

  public static TestMailServer start() {
    int port = freePort();
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return new TestMailServer(server, port);
  }

  /** How Pacte reaches this server. */
  public PacteConfig.Smtp smtp() {
    return new PacteConfig.Smtp("127.0.0.1", port, "pacte@departement.test", null, null, false);
  }

  public List<Received> received() {
    return Arrays.stream(server.getReceivedMessages()).map(TestMailServer::received).toList();
  }

  /** The first mail to this address, waiting for it up to {@code timeout}. */
  public Optional<Received> awaitTo(String recipient, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    do {
      Optional<Received> found = received().stream().filter(mail -> mail.to().contains(recipient)).findFirst();
      if (found.isPresent()) {
        return found;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    } while (System.nanoTime() < end);
    return Optional.empty();
  }

  /** Forgets the mails received so far. */
  public void purge() {
    try {
      server.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  private static Received received(MimeMessage message) {
    try {
      return new Received(message.getFrom()[0].toString(),
          Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList(),
          message.getSubject(), text(message));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The decoded text (quoted-printable French arrives as =C3=A9 otherwise). */
  private static String text(MimeMessage message) throws MessagingException {
    try {
      Object content = message.getContent();
      return (content instanceof String text ? text : GreenMailUtil.getBody(message)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
