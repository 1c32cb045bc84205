package fr.pacte.server.calls;

import fr.pacte.server.calls.InstructionStore.Message;
import fr.pacte.server.mail.Mail;
import fr.pacte.server.mail.Outbox;
import fr.pacte.server.requests.RequestContext;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * The e-mails instruction sends, written in French and enqueued in the caller's transaction: a message of the thread
 * to the other side (the applicant's person in charge of the file, or the call's contacts at the Département), and
 * the news of the decision to the applicant, with where to read its letters.
 */
public final class InstructionNotices {

  private final Outbox outbox;
  private final String publicUrl;

  public InstructionNotices(Outbox outbox, String publicUrl) {
    this.outbox = outbox;
    this.publicUrl = publicUrl;
  }

  private Future<Void> send(SqlConnection connection, String tenant, List<String> to, String subject, String text,
                            Instructed application) {
    Future<Void> chain = Future.succeededFuture();
    for (String recipient : to) {
      chain = chain.compose(done -> outbox.enqueue(connection, tenant,
          new Mail(recipient, subject, text, "application:" + application.id())).mapEmpty());
    }
    return chain;
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
    return send(connection, context.tenant(), to, subject, text.toString(), application);
  }

  /** Sends the applicant the letters of the decision. */
  Future<Void> letters(SqlConnection connection, RequestContext context, Instructed application, CallForProjects call,
                       List<InstructionService.Notice> letters) {
    if (application.contactEmail() == null || letters.isEmpty()) {
      return Future.succeededFuture();
    }
    String subject = "Décision sur votre candidature à « " + call.content().title() + " »";
    String text = "Bonjour,\n\nLa décision sur les projets que " + application.organisationName()
        + " a déposés est prise. Les courriers qui la notifient sont dans votre espace candidat :\n\n"
        + String.join("\n", letters.stream().map(n -> "– " + Letter.label(n.letter().kind())
            + (n.letter().lot().isEmpty() ? "" : " (" + n.letter().lot() + ")")).toList())
        + "\n\n" + publicUrl + "/t/" + context.tenant() + "/candidatures/" + application.id() + "/decision\n\nLe Département\n";
    return send(connection, context.tenant(), List.of(application.contactEmail()), subject, text, application);
  }
}
