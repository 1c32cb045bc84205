package fr.pacte.server.web;

import fr.pacte.server.observability.RequestLog;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an answer the caller can read: {@code application/problem+json} for the API and
 * non-HTML clients, a French error page for browsers. Unexpected errors are logged with the request id and
 * never leak their details.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  private final PageLayout layout;
  private final BooleanSupplier stopping;

  /** @param stopping whether the node is stopping: a failure then answers 503 (see {@code Node#stopping}) */
  public FailureHandler(PageLayout layout, BooleanSupplier stopping) {
    this.layout = layout;
    this.stopping = stopping;
  }

  @Override
  public void handle(RoutingContext request) {
    if (request.response().ended()) {
      return;
    }
    if (request.response().closed()) {
      // The client went away (or its connection was closed for idleness): nobody to answer, nothing of ours failed.
      LOG.debug("Connection closed before the answer to {} {}: {}", request.request().method(),
          request.normalizedPath(), String.valueOf(request.failure()));
      return;
    }
    Problem found = problemOf(request);
    // What the stop closes under a request (a module stopped, the pool closing) is not the request's fault: the
    // caller or the load balancer retries elsewhere. The cause stays in the log line below.
    Problem problem = found.status() >= 500 && found.status() != 503 && stopping.getAsBoolean()
        ? new Problem(503, "indisponible", "Service momentanément indisponible",
            "Ce serveur s'arrête. Réessayez dans quelques instants.", List.of())
        : found;
    if (problem.status() == 503) {
      // The database away or an answer too late: one line each, the outage itself is logged where it is seen.
      RequestLog.warn(LOG, request, "Request not served: " + request.request().method() + " " + request.normalizedPath()
          + ": " + (request.failure() == null ? problem.detail() : request.failure().toString()));
      request.response().putHeader("Retry-After", "5");
    } else if (problem.status() >= 500) {
      RequestLog.error(LOG, request, "Request failed: " + request.request().method() + " " + request.normalizedPath(),
          request.failure());
    } else {
      LOG.debug("Request refused with {}: {} {}", problem.status(), request.request().method(), request.normalizedPath());
    }
    request.response().setStatusCode(problem.status());
    if (wantsHtml(request)) {
      request.response().setStatusCode(problem.status());
      layout.render(request, "error", problem.title(), Map.of("problem", problem, "status", problem.status()))
          .onFailure(error -> request.response().end(problem.title()));
    } else {
      request.response().putHeader("Content-Type", Problem.MEDIA_TYPE)
          .end(problem.toJson(request.request().path()).encode());
    }
  }

  /** Respond with {@code problem} from a handler. */
  public static void respond(RoutingContext request, Throwable error) {
    request.fail(error instanceof Problem problem ? problem.status() : 500, error);
  }

  static Problem problemOf(RoutingContext request) {
    Throwable failure = request.failure();
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (DatabaseUnavailable.is(failure)) {
      return new Problem(503, "indisponible", "Service momentanément indisponible",
          "La base de données ne répond pas pour l'instant ; rien n'a été enregistré. Réessayez dans quelques instants.",
          List.of());
    }
    // A database refusal of the caller's values (unique index, length) that no earlier check caught.
    java.util.Optional<Problem> refused = DatabaseProblems.problemOf(failure);
    if (refused.isPresent()) {
      return refused.get();
    }
    int status = request.statusCode() > 0 ? request.statusCode() : 500;
    return switch (status) {
      case 400 -> Problem.badRequest(failure instanceof io.vertx.core.json.DecodeException
          ? "Le corps de la requête n'est pas du JSON valide." : "La requête est mal formée.");
      case 401 -> new Problem(401, "non-authentifie", "Authentification requise", "Connectez-vous pour accéder à cette ressource.", List.of());
      case 403 -> Problem.forbidden("Vous n'avez pas le droit d'accéder à cette ressource.");
      case 404 -> Problem.notFound("Aucune ressource à cette adresse : " + request.request().path());
      case 405 -> new Problem(405, "methode-non-permise", "Méthode non permise",
          "La méthode " + request.request().method() + " n'est pas acceptée à cette adresse.", List.of());
      case 413 -> new Problem(413, "trop-volumineux", "Requête trop volumineuse",
          "Le corps de la requête dépasse la taille maximale acceptée.", List.of());
      case 408 -> new Problem(408, "delai-depasse", "Délai dépassé",
          "La requête n'est pas arrivée en entier à temps. Renvoyez-la.", List.of());
      case 414 -> new Problem(414, "adresse-trop-longue", "Adresse trop longue",
          "L'adresse demandée est trop longue.", List.of());
      case 431 -> new Problem(431, "en-tetes-trop-volumineux", "En-têtes trop volumineux",
          "Les en-têtes de la requête sont trop volumineux.", List.of());
      case 503 -> new Problem(503, "indisponible", "Service momentanément indisponible",
          "Réessayez dans quelques instants.", List.of());
      case 415 -> new Problem(415, "type-non-supporte", "Type de contenu non supporté",
          "Envoyez le corps en application/json.", List.of());
      default -> new Problem(status >= 500 ? 500 : status, "erreur-interne", "Erreur interne",
          "Une erreur inattendue s'est produite. Référence de la requête : " + request.get(RequestLog.REQUEST_ID_KEY), List.of());
    };
  }

  private static boolean wantsHtml(RoutingContext request) {
    String path = request.request().path();
    if (path.startsWith("/api/") || path.startsWith("/health") || path.equals("/metrics")) {
      return false;
    }
    String accept = request.request().getHeader("Accept");
    return accept != null && accept.contains("text/html");
  }
}
