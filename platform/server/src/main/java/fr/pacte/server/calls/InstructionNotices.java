package fr.pacte.server.calls;

import fr.pacte.server.calls.InstructionStore.Message;
import fr.pacte.server.requests.RequestContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The e-mails instruction sends, written in French and enqueued in the caller's transaction: a message of the thread
 * to the other side (the applicant's person in charge of the file, or the call's contacts at the Département), and
 * the letters of the decision, attached as PDF, to the applicant.
 */
public final class InstructionNotices {

  /** One e-mail to enqueue. */
  public record Mail(List<String> to, String subject, String text, List<Attachment> attachments) {
  }

  public record Attachment(String fileName, String contentType, byte[] content) {
  }

  /** Where the e-mails go: the durable outbox, within the transaction given. */
  @FunctionalInterface
  public interface Outbox {
    Future<Void> enqueue(SqlConnection connection, String tenant, Mail mail);
  }

  /**
   * For a node without an e-mail outbox: nothing is sent, and both sides read the messages and letters in the
   * application only.
   */
  public static final Outbox NOT_SENT = (connection, tenant, mail) -> Future.succeededFuture();

  private final Outbox outbox;
  private final String publicUrl;

  public InstructionNotices(Outbox outbox, String publicUrl) {
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  /** Tells the other side of the thread that a message was posted. */
  Future<Void> message(SqlConnection connection, RequestContext context, Instructed application, Message message,
                       CallForProjects call) {
    boolean fromDepartement = InstructionService.DEPARTEMENT.equals(message.side());
    List<String> to = fromDepartement
        ? (application.contactEmail() == null ? List.of() : List.of(application.contactEmail()))
        : call.content().contacts().stream().map(CallForProjects.Contact::email).filter(e -> e != null && !e.isBlank()).toList();
    if (to.isEmpty()) {
      return Future.succeededFuture();
    }
    String link = publicUrl + "/t/" + context.tenant() + "/candidatures/" + application.id() + "/messages";
    String subject = fromDepartement
        ? "Question du Département sur votre candidature à « " + call.content().title() + " »"
        : "Réponse de " + application.organisationName() + " à « " + call.content().title() + " »";
    StringBuilder text = new StringBuilder();
    text.append(fromDepartement ? "Bonjour,\n\nLe Département vous pose une question sur votre candidature"
        : "Bonjour,\n\n" + application.organisationName() + " a répondu sur sa candidature").append(" à l'appel à projets « ")
        .append(call.content().title()).append(" » :\n\n").append(message.body()).append("\n\n");
    if (message.dueDate() != null) {
      text.append("Réponse attendue avant le ").append(CallForProjects.dayLabel(message.dueDate())).append(".\n\n");
    }
    if (!message.parts().isEmpty()) {
      text.append("Pièces ajoutées : ").append(String.join(", ", message.parts().stream()
          .map(p -> ((io.vertx.core.json.JsonObject) p).getString("label")).toList())).append(".\n\n");
    }
    text.append("Pour lire le fil et y répondre : ").append(link).append("\n\n").append(message.authorName()).append("\n");
    return outbox.enqueue(connection, context.tenant(), new Mail(to, subject, text.toString(), List.of()));
  }

  /** Sends the applicant the letters of the decision. */
  Future<Void> letters(SqlConnection connection, RequestContext context, Instructed application, CallForProjects call,
                       List<InstructionService.Notice> letters) {
    if (application.contactEmail() == null || letters.isEmpty()) {
      return Future.succeededFuture();
    }
    String subject = "Décision sur votre candidature à « " + call.content().title() + " »";
    String text = "Bonjour,\n\nLa décision sur les projets que " + application.organisationName()
        + " a déposés est prise. Vous trouverez ci-joint les courriers qui la notifient ; ils restent consultables dans"
        + " votre espace candidat : " + publicUrl + "/t/" + context.tenant() + "/candidatures/" + application.id()
        + "/decision\n\nLe Département\n";
    return outbox.enqueue(connection, context.tenant(), new Mail(List.of(application.contactEmail()), subject, text,
        letters.stream().map(n -> new Attachment(n.letter().fileName(), "application/pdf", n.pdf())).toList()));
  }
}
