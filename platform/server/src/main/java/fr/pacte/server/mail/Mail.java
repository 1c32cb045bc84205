package fr.pacte.server.mail;

import java.util.Objects;

/**
 * An e-mail a tenant sends: plain French text, to one recipient.
 *
 * @param recipient the address
 * @param subject   one line
 * @param body      plain text
 * @param topic     what it is about (e.g. {@code application:<id>}), so that the thing's page can list its mails; may
 *                  be empty
 */
public record Mail(String recipient, String subject, String body, String topic) {

  public Mail {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    topic = topic == null ? "" : topic;
    if (!recipient.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("Not an e-mail address: " + recipient);
    }
    // One line: a line break in a subject would let text into the mail's headers.
    subject = subject.replaceAll("[\\r\\n]+", " ").strip();
  }
}
