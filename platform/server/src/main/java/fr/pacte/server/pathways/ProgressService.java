package fr.pacte.server.pathways;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.pathways.Orientation.State;
import fr.pacte.server.pathways.ProgressGrids.Item;
import fr.pacte.server.pathways.ProgressGrids.Moment;
import fr.pacte.server.pathways.ProgressStore.Assessment;
import fr.pacte.server.pathways.ProgressStore.Satisfaction;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The evaluation centred on the person: the progress grid of a participation, filled by the operator at entry, during
 * and at exit, and the satisfaction questionnaire at exit. Writing needs the operator who delivers the action; reading,
 * the caller's reach on the participation. {@link #assessments} and {@link #satisfactions} serve the indicators.
 */
public final class ProgressService {

  private final TenantTransactions transactions;
  private final OrientationService orientations;
  private final AuditStore audit;
  private final ProgressStore store = new ProgressStore();

  public ProgressService(TenantTransactions transactions, OrientationService orientations, AuditStore audit) {
    this.transactions = transactions;
    this.orientations = orientations;
    this.audit = audit;
  }

  /** A participation's evaluation: its grids and its questionnaire, if answered. */
  public record Evaluation(Orientation orientation, List<Assessment> assessments, Optional<Satisfaction> satisfaction) {

    public JsonObject toJson() {
      return new JsonObject().put("orientation", orientation.id().toString()).put("actionType", orientation.actionType())
          .put("grid", ProgressGrids.gridJson(orientation.actionType()))
          .put("assessments", new io.vertx.core.json.JsonArray(assessments.stream().map(Assessment::toJson).toList()))
          .put("questionnaire", ProgressGrids.questionnaireJson())
          .put("satisfaction", satisfaction.map(Satisfaction::toJson).orElse(null));
    }
  }

  /** A grid or a questionnaire as typed: levels by code, the date, a comment. */
  public record Filled(Moment moment, LocalDate date, JsonObject levels, String comment) {
  }

  public Future<Evaluation> evaluation(RequestContext context, UUID orientation) {
    return transactions.inTenant(context.tenant(), connection -> orientations.visible(connection, context, orientation)
        .compose(o -> evaluation(connection, o)));
  }

  private Future<Evaluation> evaluation(SqlConnection connection, Orientation o) {
    return store.ofOrientation(connection, o.id()).compose(list -> store.satisfaction(connection, o.id())
        .map(satisfaction -> new Evaluation(o, list, satisfaction)));
  }

  /** Records a progress grid: entry and exit once each, in-between as often as useful. */
  public Future<Assessment> assess(RequestContext context, UUID orientation, JsonObject body) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> writable(connection, context, orientation).compose(o -> {
      List<Item> criteria = ProgressGrids.criteria(o.actionType());
      if (criteria.isEmpty()) {
        return Future.failedFuture(Problem.conflict("Ce type d'action n'a pas de grille de progression."));
      }
      List<Problem.FieldError> errors = new ArrayList<>();
      String momentCode = text(body, "moment", 10, errors);
      Optional<Moment> moment = Moment.of(momentCode);
      if (moment.isEmpty()) {
        errors.add(new Problem.FieldError("moment", "Choisissez le moment : à l'entrée (entry), en cours (during) ou à la sortie (exit)."));
      }
      Filled filled = filled(body, moment.orElse(null), criteria, "scores", context.today(), o, errors);
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      Future<Void> once = filled.moment() == Moment.DURING ? Future.succeededFuture()
          : store.filled(connection, o.id(), filled.moment()).compose(done -> done.isEmpty() ? Future.succeededFuture()
              : Future.failedFuture(Problem.conflict("La grille « " + filled.moment().label().toLowerCase(java.util.Locale.FRENCH)
                  + " » de cette participation est déjà remplie (le " + OrientationService.FRENCH_DATE.format(done.get())
                  + ") : remplissez une grille « en cours d'accompagnement ».")));
      return once.compose(ok -> store.insert(connection, tenant, o.id(), o.actionType(), filled.moment(), filled.date(),
              filled.levels(), filled.comment(), OrientationService.displayName(context)))
          .compose(id -> audit.record(connection, tenant, context.actor().audited(), "orientation.progress-assessed",
              "orientation:" + o.id(), new JsonObject().put("assessment", id.toString()).put("moment", filled.moment().code())
                  .put("date", filled.date().toString()), context.requestId()).map(id))
          .compose(id -> store.ofOrientation(connection, o.id())
              .map(list -> list.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow()));
    }));
  }

  /** Records the person's answers to the satisfaction questionnaire, once per participation. */
  public Future<Satisfaction> answer(RequestContext context, UUID orientation, JsonObject body) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> writable(connection, context, orientation).compose(o -> {
      List<Problem.FieldError> errors = new ArrayList<>();
      Filled filled = filled(body, Moment.EXIT, ProgressGrids.QUESTIONNAIRE, "answers", context.today(), o, errors);
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      return store.satisfaction(connection, o.id()).compose(existing -> existing.isPresent()
              ? Future.<Void>failedFuture(Problem.conflict("Le questionnaire de satisfaction de cette participation est déjà rempli (le "
                  + OrientationService.FRENCH_DATE.format(existing.get().on()) + ")."))
              : store.insertSatisfaction(connection, tenant, o.id(), o.actionType(), filled.date(), filled.levels(),
                  filled.comment(), OrientationService.displayName(context)))
          .compose(done -> audit.record(connection, tenant, context.actor().audited(), "orientation.satisfaction-recorded",
              "orientation:" + o.id(), new JsonObject().put("date", filled.date().toString()), context.requestId()))
          .compose(done -> store.satisfaction(connection, o.id()).map(Optional::orElseThrow));
    }));
  }

  /**
   * For the indicators: every progress grid of a tenant filled between two dates (inclusive), of one action type or of
   * all (null). Rows name the participation, never the person.
   */
  public Future<List<Assessment>> assessments(String tenant, String actionType, LocalDate from, LocalDate to) {
    return transactions.inTenant(tenant, connection -> store.ofActionType(connection, actionType, from, to));
  }

  /** For the indicators: every satisfaction questionnaire of a tenant answered between two dates (inclusive). */
  public Future<List<Satisfaction>> satisfactions(String tenant, String actionType, LocalDate from, LocalDate to) {
    return transactions.inTenant(tenant, connection -> store.satisfactionsOfActionType(connection, actionType, from, to));
  }

  /** The participation, if the caller is the operator delivering it and the person has entered (or left). */
  private Future<Orientation> writable(SqlConnection connection, RequestContext context, UUID id) {
    return orientations.visible(connection, context, id).compose(o -> {
      if (!Reach.of(context).decidesFor(o.organisationId())) {
        return Future.failedFuture(Problem.forbidden("Seul l'opérateur qui porte l'action remplit sa grille de progression et son questionnaire."));
      }
      if (o.state() != State.IN && o.state() != State.EXITED) {
        return Future.failedFuture(Problem.conflict("La grille de progression et le questionnaire se remplissent une fois la personne "
            + "entrée sur l'action. Elle est : " + o.state().label().toLowerCase(java.util.Locale.FRENCH) + "."));
      }
      return Future.succeededFuture(o);
    });
  }

  private static Filled filled(JsonObject body, Moment moment, List<Item> items, String field, LocalDate today,
                               Orientation o, List<Problem.FieldError> errors) {
    LocalDate date = null;
    String dateText = text(body, "date", 10, errors);
    if (dateText == null) {
      errors.add(new Problem.FieldError("date", "Indiquez la date."));
    } else {
      try {
        date = fr.pacte.server.web.FrenchDates.parseDay(dateText);
        if (date.isAfter(today)) {
          errors.add(new Problem.FieldError("date", "La date ne peut pas être dans le futur."));
        } else if (o.entryDate() != null && date.isBefore(o.entryDate())) {
          errors.add(new Problem.FieldError("date", "La date précède l'entrée sur l'action ("
              + OrientationService.FRENCH_DATE.format(o.entryDate()) + ")."));
        }
      } catch (java.time.format.DateTimeParseException e) {
        errors.add(new Problem.FieldError("date", fr.pacte.server.web.FrenchDates.TYPED_DAY_HINT));
      }
    }
    JsonObject levels = new JsonObject();
    Object raw = body.getValue(field);
    JsonObject given = raw instanceof JsonObject object ? object : new JsonObject();
    if (raw != null && !(raw instanceof JsonObject)) {
      errors.add(new Problem.FieldError(field, "Un objet {code : niveau de 1 à 4} est attendu."));
    }
    for (String code : given.fieldNames()) {
      if (items.stream().noneMatch(i -> i.code().equals(code))) {
        errors.add(new Problem.FieldError(field + "." + code, "« " + code + " » ne fait pas partie de la grille ; codes : "
            + String.join(", ", items.stream().map(Item::code).toList()) + "."));
      }
    }
    for (Item item : items) {
      Integer level = level(given.getValue(item.code()));
      if (level == null) {
        errors.add(new Problem.FieldError(field + "." + item.code(), "« " + item.label() + " » : choisissez un niveau de 1 à 4."));
      } else {
        levels.put(item.code(), level);
      }
    }
    String comment = text(body, "comment", 2000, errors);
    return new Filled(moment, date, levels, comment);
  }

  private static Integer level(Object value) {
    if (value instanceof Number number && number.doubleValue() == number.intValue()) {
      int n = number.intValue();
      return n >= 1 && n <= 4 ? n : null;
    }
    if (value instanceof String text && text.strip().matches("[1-4]")) {
      return Integer.parseInt(text.strip());
    }
    return null;
  }

  private static String text(JsonObject body, String field, int max, List<Problem.FieldError> errors) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(new Problem.FieldError(field, "Un texte est attendu."));
      return null;
    }
    String stripped = text.strip();
    if (stripped.length() > max) {
      errors.add(new Problem.FieldError(field, max + " caractères au plus."));
      return null;
    }
    if (stripped.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      errors.add(new Problem.FieldError(field, "Caractères de contrôle non admis."));
      return null;
    }
    return stripped.isEmpty() ? null : stripped;
  }
}
