package fr.pacte.server.reporting;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.conventions.Convention;
import fr.pacte.server.conventions.ConventionInput;
import fr.pacte.server.conventions.ConventionService;
import fr.pacte.server.conventions.Terms;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.reporting.YearlyEvaluation.Decision;
import fr.pacte.server.reporting.YearlyEvaluation.State;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Yearly evaluations (fiches bilan) of conventions: prefilled from the year's pathway data and monthly reports,
 * completed and sent by the operator before the comité de pilotage, whose meeting and decision the direction records.
 * The decision feeds the convention's next yearly tranche through the conventions' own vote: renewed at the planned
 * amount, adjusted to another amount, or not renewed ("stop").
 */
public final class EvaluationService {

  /** The comité's meeting and decision, as sent. */
  public record Committee(LocalDate date, String participants, String minutes, Decision decision, Long amountCents,
                          String objectives) {
  }

  private final TenantTransactions transactions;
  private final TenantTransactions reads;
  private final ConventionService conventions;
  private final ReferentialService referentials;
  private final AuditStore audit;
  private final EvaluationStore store = new EvaluationStore();

  /** @param reads where the exports and the PDF documents read (a replica's pool, see {@code Node#reads}) */
  public EvaluationService(TenantTransactions transactions, TenantTransactions reads, ConventionService conventions,
                           ReferentialService referentials, AuditStore audit) {
    this.transactions = transactions;
    this.reads = reads;
    this.conventions = conventions;
    this.referentials = referentials;
    this.audit = audit;
  }

  public Future<List<YearlyEvaluation>> list(RequestContext context) {
    return list(transactions, context);
  }

  /** The same evaluations for a CSV or XLSX export: read where heavy reads go (a replica, which may lag a little). */
  public Future<List<YearlyEvaluation>> listToExport(RequestContext context) {
    return list(reads, context);
  }

  private Future<List<YearlyEvaluation>> list(TenantTransactions via, RequestContext context) {
    return via.inTenant(context.tenant(), store::list)
        .map(all -> all.stream().filter(e -> visible(context, e)).toList());
  }

  public Future<YearlyEvaluation> get(RequestContext context, UUID id) {
    return get(transactions, context, id);
  }

  /** An evaluation for its PDF fiche bilan: read where heavy reads go (a replica, which may lag a little). */
  public Future<YearlyEvaluation> getForDocument(RequestContext context, UUID id) {
    return get(reads, context, id);
  }

  private Future<YearlyEvaluation> get(TenantTransactions via, RequestContext context, UUID id) {
    return via.inTenant(context.tenant(), connection -> store.find(connection, id))
        .map(found -> found.orElseThrow(() -> missing(id)))
        .compose(e -> visible(context, e) ? Future.succeededFuture(e)
            : Future.failedFuture(Problem.forbidden("Ce bilan concerne une autre organisation ou un autre territoire que les vôtres.")));
  }

  /** Opens the fiche bilan of a convention's year, prefilled from that year's data. */
  public Future<YearlyEvaluation> open(RequestContext context, UUID conventionId, int year) {
    String tenant = context.tenant();
    return conventions.get(context, conventionId).compose(convention -> {
      Terms terms = convention.terms();
      if (terms.year(year) == null) {
        return Future.failedFuture(Problem.validation(List.of(new FieldError("year", "La convention compte "
            + terms.years().size() + " année(s) : pas d'année " + year + "."))));
      }
      if (context.scope().organisation() == null && !context.scope().isWholeTenant()) {
        return Future.failedFuture(Problem.forbidden("Le bilan s'ouvre par l'opérateur ou par la direction."));
      }
      return referentials.labels(tenant, "exit-types").compose(exits -> transactions.inTenant(tenant, connection ->
          figures(connection, terms, year, exits)
              .compose(figures -> store.insert(connection, tenant, conventionId, year, terms.organisation(),
                  terms.territories(), figures))
              .compose(inserted -> inserted.isEmpty()
                  ? Future.failedFuture(Problem.conflict("Le bilan de l'année " + year + " de cette convention est déjà ouvert."))
                  : audit.record(connection, tenant, context.actor().audited(), "evaluation.opened",
                      "evaluation:" + inserted.get(), new JsonObject().put("convention", conventionId.toString())
                          .put("year", year), context.requestId()).map(inserted.get()))
              .compose(id -> store.find(connection, id)).map(found -> found.orElseThrow())));
    });
  }

  /**
   * Objectives against results per territory, exits by type, the monthly reports, the progress grids and the
   * satisfaction questionnaires of one year of the convention.
   */
  private Future<JsonObject> figures(SqlConnection connection, Terms terms, int year, Map<String, String> exitLabels) {
    LocalDate start = terms.yearStart(year);
    LocalDate end = terms.yearEnd(year);
    boolean workshops = "WORKSHOPS_PER_YEAR".equals(terms.unit());
    JsonObject figures = new JsonObject().put("periodStart", start.toString()).put("periodEnd", end.toString())
        .put("unit", terms.unit());
    JsonArray territories = new JsonArray();
    figures.put("territories", territories);
    if (terms.offerId() == null) {
      return Future.succeededFuture(figures.put("exitsByType", new JsonArray()).put("reports", reports(new long[3]))
          .put("progress", ProgressSummary.of(terms.actionType(), List.of(), List.of())));
    }
    Future<Void> chain = Future.succeededFuture();
    for (String territory : terms.territories()) {
      int objective = terms.objective(year, territory);
      chain = chain.compose(done -> store.territory(connection, terms.offerId(), territory, start, end).map(t -> {
        BigDecimal result = workshops ? BigDecimal.valueOf(t.sessions())
            : t.averageActive() == null ? BigDecimal.ZERO : t.averageActive();
        territories.add(new JsonObject().put("territory", territory).put("objective", objective)
            .put("result", result).put("ratePercent", objective == 0 ? 0
                : result.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(objective), 0, RoundingMode.HALF_UP).intValue())
            .put("followed", t.followed()).put("entries", t.entries()).put("exits", t.exits())
            .put("sessions", t.sessions()));
        return null;
      }));
    }
    return chain.compose(done -> store.exits(connection, terms.offerId(), start, end)).compose(exits -> {
      JsonArray byType = new JsonArray();
      for (Object[] e : exits) {
        String code = e[0] == null ? "" : (String) e[0];
        byType.add(new JsonObject().put("code", code).put("label", exitLabels.getOrDefault(code, code)).put("count", e[1]));
      }
      figures.put("exitsByType", byType);
      return store.reports(connection, terms.offerId(), start.withDayOfMonth(1), end);
    }).compose(counts -> {
      figures.put("reports", reports(counts));
      return store.grids(connection, terms.offerId(), start, end);
    }).compose(grids -> store.satisfactions(connection, terms.offerId(), start, end)
        .map(answers -> figures.put("progress", ProgressSummary.of(terms.actionType(), grids, answers))));
  }

  private static JsonObject reports(long[] counts) {
    return new JsonObject().put("expected", counts[0]).put("sent", counts[1]).put("approved", counts[2]);
  }

  /** The operator's part: what was achieved, the difficulties, the outlook. */
  public Future<YearlyEvaluation> complete(RequestContext context, UUID id, String achievements, String difficulties,
                                           String outlook, int expectedVersion) {
    return changed(context, id, expectedVersion, "evaluation.completed", (connection, e) -> {
      draftOnly(e);
      List<FieldError> errors = new java.util.ArrayList<>();
      check(errors, "achievements", achievements);
      check(errors, "difficulties", difficulties);
      check(errors, "outlook", outlook);
      if (!errors.isEmpty()) {
        throw Problem.validation(errors);
      }
      return store.complete(connection, id, strip(achievements), strip(difficulties), strip(outlook)).map(new JsonObject());
    });
  }

  /** Sent to the comité: the operator's part must be written. */
  public Future<YearlyEvaluation> send(RequestContext context, UUID id, int expectedVersion) {
    return changed(context, id, expectedVersion, "evaluation.sent", (connection, e) -> {
      draftOnly(e);
      if (e.achievements().isBlank()) {
        throw Problem.validation(List.of(new FieldError("achievements",
            "Décrivez ce que l'action a réalisé dans l'année avant de transmettre le bilan au comité.")));
      }
      return store.send(connection, id).map(new JsonObject());
    });
  }

  /**
   * Records the comité de pilotage and its decision, which the convention's next yearly tranche follows: voted at the
   * planned amount (renew), at the amount decided (adjust), or not renewed (stop). The last year has no next tranche.
   * The tranche's vote and the decision are written in one transaction: both or neither.
   */
  public Future<YearlyEvaluation> decide(RequestContext context, UUID id, Committee committee, int expectedVersion) {
    if (context.scope() == null || !context.scope().isWholeTenant()) {
      return Future.failedFuture(Problem.forbidden("La décision du comité de pilotage est enregistrée par la direction."));
    }
    return get(context, id).compose(e -> {
      if (e.version() != expectedVersion) {
        return Future.failedFuture(stale(e.version(), expectedVersion));
      }
      if (e.state() != State.SENT) {
        return Future.failedFuture(notSent(e));
      }
      return conventions.get(context, e.conventionId()).compose(convention -> changed(context, id, expectedVersion,
          "evaluation.decided", (connection, locked) -> {
            if (locked.state() != State.SENT) {
              throw notSent(locked);
            }
            return nextTranche(connection, context, convention, locked, committee)
                .compose(tranche -> store.decide(connection, id, committee).map(new JsonObject()
                    .put("decision", committee.decision().code()).put("committeeDate", committee.date().toString())
                    .put("amountCents", committee.amountCents()).put("nextTranche", tranche)));
          }));
    });
  }

  private static Problem notSent(YearlyEvaluation e) {
    return Problem.conflict("Le comité statue sur un bilan transmis par l'opérateur ; celui-ci est « "
        + e.state().label().toLowerCase() + " ».");
  }

  private Future<JsonObject> nextTranche(SqlConnection connection, RequestContext context, Convention convention,
                                         YearlyEvaluation e, Committee committee) {
    int next = e.year() + 1;
    Terms.Year planned = convention.terms().year(next);
    if (planned == null) {
      return Future.succeededFuture(null);
    }
    if (committee.decision() == Decision.ADJUST && committee.amountCents() == null && (committee.objectives() == null
        || committee.objectives().isBlank())) {
      return Future.failedFuture(Problem.validation(List.of(new FieldError("amountCents",
          "Une reconduction ajustée indique le nouveau montant ou les nouveaux objectifs."))));
    }
    boolean renewed = committee.decision() != Decision.STOP;
    Long cents = !renewed ? null : committee.decision() == Decision.ADJUST && committee.amountCents() != null
        ? committee.amountCents() : planned.departementCents();
    String reference = "Comité de pilotage du " + FrenchDates.longDate(committee.date());
    return conventions.vote(connection, context, convention.id(), next, new ConventionInput.Vote(renewed, cents,
            committee.date(), reference), convention.version())
        .map(voted -> new JsonObject().put("year", next).put("status", voted.tranche(next).status())
            .put("votedCents", voted.tranche(next).votedCents()));
  }

  @FunctionalInterface
  private interface Change {
    Future<JsonObject> apply(SqlConnection connection, YearlyEvaluation evaluation);
  }

  private Future<YearlyEvaluation> changed(RequestContext context, UUID id, int expectedVersion, String action, Change change) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> store.lock(connection, id).compose(found -> {
      YearlyEvaluation e = found.orElseThrow(() -> missing(id));
      if (!visible(context, e)) {
        throw Problem.forbidden("Ce bilan concerne une autre organisation ou un autre territoire que les vôtres.");
      }
      if (context.scope().organisation() == null && !context.scope().isWholeTenant()) {
        throw Problem.forbidden("Le bilan est complété par l'opérateur et la décision enregistrée par la direction.");
      }
      if (e.version() != expectedVersion) {
        throw stale(e.version(), expectedVersion);
      }
      return change.apply(connection, e)
          .compose(details -> audit.record(connection, tenant, context.actor().audited(), action, "evaluation:" + id,
              details.put("convention", e.conventionId().toString()).put("year", e.year())
                  .put("version", expectedVersion + 1), context.requestId()))
          .compose(done -> ClusterSignals.notify(connection, new JsonObject().put("kind", "evaluation")
              .put("tenant", tenant).put("evaluation", id.toString()).put("action", action)))
          .compose(done -> store.find(connection, id)).map(f -> f.orElseThrow());
    }));
  }

  static boolean visible(RequestContext context, YearlyEvaluation e) {
    var scope = context.scope();
    if (scope == null) {
      return false;
    }
    if (scope.organisation() != null) {
      return scope.organisation().equals(e.organisationId());
    }
    return scope.territories().isEmpty() || e.territories().stream().anyMatch(scope.territories()::contains);
  }

  private static void draftOnly(YearlyEvaluation e) {
    if (e.state() != State.DRAFT) {
      throw Problem.conflict("Ce bilan est « " + e.state().label().toLowerCase() + " » : il ne se modifie plus.");
    }
  }

  private static void check(List<FieldError> errors, String field, String text) {
    if (text != null && text.length() > 8000) {
      errors.add(new FieldError(field, "8000 caractères au plus."));
    }
  }

  private static String strip(String text) {
    return text == null ? "" : text.strip();
  }

  private static Problem stale(int version, int expected) {
    return Problem.conflict("Ce bilan a été modifié entre-temps (version " + version + ", vous aviez la version " + expected
        + "). Rechargez-le : vos changements n'ont pas été enregistrés.");
  }

  static Problem missing(UUID id) {
    return Problem.notFound("Aucun bilan « " + id + " » dans ce département.");
  }
}
