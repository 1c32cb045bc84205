package fr.pacte.server.reporting;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.mail.Mail;
import fr.pacte.server.mail.Outbox;
import fr.pacte.server.plugins.InstalledPlugin;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.reporting.MonthlyReport.Line;
import fr.pacte.server.reporting.MonthlyReport.State;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Monthly reports: opened for every action running in a month (one per offer item and territory), prefilled from the
 * pathways, reconciled by the operator (a corrected figure needs a comment), submitted, validated by the territory,
 * approved by the direction, locked, reopened with a reason. Every change is versioned (a stale version is a 409),
 * audited and signalled to the cluster in the transaction that makes it. Who sees what is decided here: an operator
 * its own organisation's reports, a territory agent its territories', the département's staff and auditors all.
 */
public final class ReportService {

  private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('pacte.reporting.reminders'), hashtext($1)) AS locked";

  /** A corrected figure: the value reported and why it differs from the prefilled one. */
  public record Correction(BigDecimal value, String comment) {
  }

  /** What an operator sends: corrections by line code, and the report's comment (null: unchanged). */
  public record Reconciliation(Map<String, Correction> corrections, String comment) {
  }

  /** Completeness and timeliness of one operator's reports in one territory for one month. */
  public record Completeness(LocalDate month, String organisation, String organisationName, String territory,
                             int expected, int onTime, int late, int missing, int pending) {

    /** Reports sent over reports expected, in percent (DHIS2's reporting rate). */
    public int ratePercent() {
      return expected == 0 ? 0 : (int) Math.round(100.0 * (onTime + late) / expected);
    }

    public JsonObject toJson() {
      return new JsonObject().put("month", month.toString().substring(0, 7)).put("organisation", organisation)
          .put("organisationName", organisationName).put("territory", territory).put("expected", expected)
          .put("onTime", onTime).put("late", late).put("missing", missing).put("pending", pending)
          .put("ratePercent", ratePercent());
    }
  }

  private final TenantTransactions transactions;
  private final TenantTransactions reads;
  private final TenantService tenants;
  private final PluginService plugins;
  private final ReferentialService referentials;
  private final AuditStore audit;
  private final Outbox outbox;
  private final ReportStore store = new ReportStore();

  /** @param reads where the exports and the PDF documents read (a replica's pool, see {@code Node#reads}) */
  public ReportService(TenantTransactions transactions, TenantTransactions reads, TenantService tenants,
                       PluginService plugins, ReferentialService referentials, AuditStore audit, Outbox outbox) {
    this.transactions = transactions;
    this.reads = reads;
    this.tenants = tenants;
    this.plugins = plugins;
    this.referentials = referentials;
    this.audit = audit;
    this.outbox = outbox;
  }

  public Future<List<Tenant.Territory>> territories(String tenant) {
    return tenants.territories(tenant);
  }

  public Map<String, ActionTypeDescriptor> actionTypes(String tenant) {
    Map<String, ActionTypeDescriptor> types = new LinkedHashMap<>();
    for (InstalledPlugin plugin : plugins.servingFor(tenant)) {
      plugin.actionTypes().forEach(type -> types.put(type.code(), type));
    }
    return types;
  }

  // ---- settings

  public Future<ReportStore.Settings> settings(RequestContext context) {
    return transactions.inTenant(context.tenant(), store::settings);
  }

  /** Sets the due day (1–31; a shorter month's last day) and how many days before it the reminder goes. */
  public Future<ReportStore.Settings> saveSettings(RequestContext context, int dueDay, int remindDaysBefore,
                                                   int expectedVersion) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> transactions.inTenant(tenant, connection -> store.settings(connection)
        .compose(current -> current.version() != expectedVersion
            ? Future.failedFuture(Problem.conflict("Les réglages ont été modifiés entre-temps (version " + current.version()
                + ", vous aviez la version " + expectedVersion + "). Rechargez la page."))
            : store.saveSettings(connection, tenant, new ReportStore.Settings(dueDay, remindDaysBefore, 0)))
        .compose(version -> audit.record(connection, tenant, context.actor().audited(), "report.settings",
            "reports", new JsonObject().put("dueDay", dueDay).put("remindDaysBefore", remindDaysBefore)
                .put("version", version), context.requestId()).map(version))
        .map(version -> new ReportStore.Settings(dueDay, remindDaysBefore, version))));
  }

  // ---- opening and reading

  /**
   * Opens the reports of a month that has ended, prefilled: one per offer item running that month and territory of
   * its places (the caller's own organisation's only, for an operator). Returns how many were opened.
   */
  public Future<Integer> open(RequestContext context, YearMonth month) {
    if (!month.isBefore(YearMonth.from(context.today()))) {
      return Future.failedFuture(Problem.validation(List.of(new FieldError("month",
          "Le rapport d'un mois s'ouvre une fois ce mois terminé : choisissez un mois passé."))));
    }
    if (context.scope() == null || context.scope().organisation() == null && !context.scope().isWholeTenant()) {
      return Future.failedFuture(Problem.forbidden("Les rapports s'ouvrent par l'opérateur ou par la direction."));
    }
    String tenant = context.tenant();
    return referentials.labels(tenant, "exit-types").compose(exits -> transactions.inTenant(tenant, connection ->
        opened(connection, tenant, month.atDay(1), context.scope().organisation(), exits)
            .compose(ids -> ids.isEmpty() ? Future.succeededFuture(0)
                : audit.record(connection, tenant, context.actor().audited(), "report.opened", "reports:" + month,
                    new JsonObject().put("reports", ids.size()), context.requestId()).map(ids.size()))));
  }

  private Future<List<UUID>> opened(SqlConnection connection, String tenant, LocalDate month, String organisation,
                                    Map<String, String> exits) {
    Map<String, ActionTypeDescriptor> types = actionTypes(tenant);
    String zone = tenants.zone(tenant).getId();
    return store.settings(connection)
        .compose(settings -> store.open(connection, tenant, month, settings.dueOn(month), organisation))
        .compose(ids -> {
          Future<Void> chain = Future.succeededFuture();
          for (UUID id : ids) {
            chain = chain.compose(done -> store.find(connection, id)).compose(found -> {
              MonthlyReport report = found.orElseThrow();
              return store.figures(connection, report.offerId(), report.territory(), month, zone)
                  .compose(figures -> store.prefilled(connection, id,
                      Tableau.lines(figures, types.get(report.actionType()), exits, month)));
            });
          }
          return chain.map(ids);
        });
  }

  /** The reports of the months {@code from}–{@code to} the caller may see. */
  public Future<List<MonthlyReport>> list(RequestContext context, YearMonth from, YearMonth to) {
    return list(transactions, context, from, to);
  }

  /** The same reports for a CSV or XLSX export: read where heavy reads go (a replica, which may lag a little). */
  public Future<List<MonthlyReport>> listToExport(RequestContext context, YearMonth from, YearMonth to) {
    return list(reads, context, from, to);
  }

  private Future<List<MonthlyReport>> list(TenantTransactions via, RequestContext context, YearMonth from, YearMonth to) {
    if (context.scope() == null) {
      return Future.failedFuture(Problem.forbidden("Connectez-vous pour lire les rapports."));
    }
    return via.inTenant(context.tenant(), connection -> store.list(connection, from.atDay(1), to.atDay(1),
        context.scope().organisation(), List.copyOf(context.scope().territories())));
  }

  /** Whether the tenant has any report of the period, whoever may read it. */
  Future<Boolean> any(String tenant, YearMonth from, YearMonth to) {
    return transactions.inTenant(tenant, connection -> store.any(connection, from.atDay(1), to.atDay(1)));
  }

  public Future<MonthlyReport> get(RequestContext context, UUID id) {
    return get(transactions, context, id);
  }

  /** A report for its PDF document: read where heavy reads go (a replica, which may lag a little). */
  public Future<MonthlyReport> getForDocument(RequestContext context, UUID id) {
    return get(reads, context, id);
  }

  private Future<MonthlyReport> get(TenantTransactions via, RequestContext context, UUID id) {
    return via.inTenant(context.tenant(), connection -> store.find(connection, id))
        .map(found -> found.orElseThrow(() -> missing(id)))
        .compose(report -> visible(context, report) ? Future.succeededFuture(report)
            : Future.failedFuture(Problem.forbidden("Ce rapport concerne une autre organisation ou un autre territoire que les vôtres.")));
  }

  /** The reminders still standing (reports not sent) the caller should read. */
  public Future<List<ReportStore.Reminder>> reminders(RequestContext context) {
    if (context.scope() == null) {
      return Future.succeededFuture(List.of());
    }
    return transactions.inTenant(context.tenant(), connection -> store.reminders(connection,
        context.scope().organisation(), List.copyOf(context.scope().territories())));
  }

  // ---- the operator's side

  /** Reconciles a draft: corrected figures (each with a comment), the report's comment. */
  public Future<MonthlyReport> reconcile(RequestContext context, UUID id, Reconciliation input, int expectedVersion) {
    return changed(context, id, expectedVersion, "report.reconciled", (connection, report) -> {
      if (report.state() != State.DRAFT) {
        return Future.failedFuture(Problem.conflict("Ce rapport est « " + report.state().label().toLowerCase()
            + " » : il ne se modifie plus (il faut d'abord le rouvrir)."));
      }
      requireOperatorOrStaff(context, report);
      List<FieldError> errors = new ArrayList<>();
      List<Line> lines = new ArrayList<>();
      for (Line line : report.lines()) {
        Correction correction = input.corrections().get(line.code());
        if (correction == null) {
          lines.add(line);
          continue;
        }
        Line next = line.withValue(correction.value(), correction.comment() == null ? "" : correction.comment().strip());
        if (next.corrected() && next.comment().isEmpty()) {
          errors.add(new FieldError("lines." + line.code() + ".comment", "Expliquez pourquoi « " + line.label()
              + " » vaut " + Line.french(next.value()) + " et non " + Line.french(line.prefilled())
              + " comme les parcours l'indiquent : un chiffre corrigé demande un commentaire."));
        }
        lines.add(next.corrected() ? next : line.withValue(line.prefilled(), ""));
      }
      input.corrections().keySet().stream().filter(code -> report.line(code) == null).forEach(code ->
          errors.add(new FieldError("lines." + code, "Ce rapport n'a pas de ligne « " + code + " ».")));
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      String comment = input.comment() == null ? report.comment() : input.comment().strip();
      return store.saveLines(connection, id, lines, comment).map(new JsonObject()
          .put("corrected", lines.stream().filter(Line::corrected).map(Line::code).toList()));
    });
  }

  public Future<MonthlyReport> submit(RequestContext context, UUID id, int expectedVersion) {
    return changed(context, id, expectedVersion, "report.submitted", (connection, report) -> {
      expect(report, State.DRAFT, "transmis");
      requireOperatorOrStaff(context, report);
      List<FieldError> errors = report.lines().stream().filter(l -> l.corrected() && l.comment().isBlank())
          .map(l -> new FieldError("lines." + l.code() + ".comment", "Un chiffre corrigé demande un commentaire.")).toList();
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      return store.move(connection, id, State.SUBMITTED, context.actor().audited()).map(new JsonObject()
          .put("late", context.today().isAfter(report.dueOn())));
    });
  }

  // ---- the Département's side

  public Future<MonthlyReport> validate(RequestContext context, UUID id, int expectedVersion) {
    return changed(context, id, expectedVersion, "report.validated", (connection, report) -> {
      expect(report, State.SUBMITTED, "validé par le territoire");
      if (context.scope().organisation() != null) {
        throw Problem.forbidden("Le territoire valide les rapports, pas l'opérateur.");
      }
      return store.move(connection, id, State.VALIDATED, context.actor().audited()).map(new JsonObject());
    });
  }

  public Future<MonthlyReport> approve(RequestContext context, UUID id, int expectedVersion) {
    return changed(context, id, expectedVersion, "report.approved", (connection, report) -> {
      requireDirection(context);
      expect(report, State.VALIDATED, "approuvé par la direction");
      return store.move(connection, id, State.APPROVED, context.actor().audited()).map(new JsonObject());
    });
  }

  public Future<MonthlyReport> lock(RequestContext context, UUID id, int expectedVersion) {
    return changed(context, id, expectedVersion, "report.locked", (connection, report) -> {
      requireDirection(context);
      expect(report, State.APPROVED, "verrouillé");
      return store.move(connection, id, State.LOCKED, null).map(new JsonObject());
    });
  }

  /** Back to draft, with the reason (required), from any later state: the direction only. */
  public Future<MonthlyReport> reopen(RequestContext context, UUID id, String reason, int expectedVersion) {
    String why = reason == null ? "" : reason.strip();
    if (why.length() < 5 || why.length() > 2000) {
      return Future.failedFuture(Problem.validation(List.of(new FieldError("reason",
          "Indiquez pourquoi le rapport est rouvert (5 à 2000 caractères) : la raison est gardée au journal."))));
    }
    return changed(context, id, expectedVersion, "report.reopened", (connection, report) -> {
      requireDirection(context);
      if (report.state() == State.DRAFT) {
        return Future.failedFuture(Problem.conflict("Ce rapport est déjà un brouillon."));
      }
      return store.move(connection, id, State.DRAFT, why).map(new JsonObject().put("from", report.state().code())
          .put("reason", why));
    });
  }

  /** What one change does in the transaction, after the row is locked and its version checked. */
  @FunctionalInterface
  private interface Change {
    Future<JsonObject> apply(SqlConnection connection, MonthlyReport report);
  }

  private Future<MonthlyReport> changed(RequestContext context, UUID id, int expectedVersion, String action, Change change) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> store.lock(connection, id).compose(found -> {
      MonthlyReport report = found.orElseThrow(() -> missing(id));
      if (!visible(context, report)) {
        throw Problem.forbidden("Ce rapport concerne une autre organisation ou un autre territoire que les vôtres.");
      }
      if (report.version() != expectedVersion) {
        throw Problem.conflict("Ce rapport a été modifié entre-temps (version " + report.version() + ", vous aviez la version "
            + expectedVersion + "). Rechargez-le : vos changements n'ont pas été enregistrés.");
      }
      return change.apply(connection, report)
          .compose(details -> audit.record(connection, tenant, context.actor().audited(), action, "report:" + id,
              details.put("month", report.month().toString().substring(0, 7)).put("offer", report.offerId().toString())
                  .put("territory", report.territory()).put("version", expectedVersion + 1), context.requestId()))
          .compose(done -> ClusterSignals.notify(connection, new JsonObject().put("kind", "report").put("tenant", tenant)
              .put("report", id.toString()).put("action", action)))
          .compose(done -> store.find(connection, id)).map(Optional -> Optional.orElseThrow());
    }));
  }

  // ---- completeness and timeliness

  /** Per month, operator and territory: reports expected, sent on time, sent late, missing past their due date. */
  public Future<List<Completeness>> completeness(RequestContext context, YearMonth from, YearMonth to) {
    return completeness(transactions, context, from, to);
  }

  /** The same figures for a CSV or XLSX export, read where heavy reads go. */
  public Future<List<Completeness>> completenessToExport(RequestContext context, YearMonth from, YearMonth to) {
    return completeness(reads, context, from, to);
  }

  private Future<List<Completeness>> completeness(TenantTransactions via, RequestContext context, YearMonth from,
                                                  YearMonth to) {
    LocalDate today = context.today();
    return list(via, context, from, to).map(reports -> {
      Map<String, int[]> counts = new LinkedHashMap<>();
      Map<String, MonthlyReport> first = new LinkedHashMap<>();
      for (MonthlyReport r : reports) {
        String key = r.month() + "|" + r.organisationId() + "|" + r.territory();
        first.putIfAbsent(key, r);
        int[] c = counts.computeIfAbsent(key, k -> new int[5]);
        c[0]++;
        if (r.submittedAt() != null || r.state() != State.DRAFT) {
          LocalDate sent = r.submittedAt() == null ? r.dueOn()
              : r.submittedAt().atZoneSameInstant(context.zone()).toLocalDate();
          c[sent.isAfter(r.dueOn()) ? 2 : 1]++;
        } else if (today.isAfter(r.dueOn())) {
          c[3]++;
        } else {
          c[4]++;
        }
      }
      List<Completeness> rows = new ArrayList<>();
      counts.forEach((key, c) -> {
        MonthlyReport r = first.get(key);
        rows.add(new Completeness(r.month(), r.organisationId(), r.organisationName(), r.territory(), c[0], c[1], c[2],
            c[3], c[4]));
      });
      return rows;
    });
  }

  // ---- the reminders' round

  /**
   * Opens last month's reports in every tenant, then reminds operators of drafts before their due date and once late,
   * in the application and by e-mail, each reminder once. Every node runs it; a per-tenant advisory lock lets one
   * node do it. Returns the number of reminders recorded.
   */
  public Future<Integer> remind(Instant now) {
    List<Future<Integer>> perTenant = new ArrayList<>();
    for (TenantSummary tenant : tenants.all()) {
      perTenant.add(referentials.labels(tenant.slug(), "exit-types").compose(exits ->
          transactions.inTenant(tenant.slug(), connection -> remind(connection, tenant, now, exits))));
    }
    return Future.all(perTenant).map(all -> perTenant.stream().mapToInt(Future::result).sum());
  }

  private Future<Integer> remind(SqlConnection connection, TenantSummary tenant, Instant now, Map<String, String> exits) {
    LocalDate today = now.atZone(tenants.zone(tenant.slug())).toLocalDate();
    return connection.preparedQuery(LOCK).execute(Tuple.of(tenant.slug())).compose(lock -> {
      if (!lock.iterator().next().getBoolean("locked")) {
        return Future.succeededFuture(0);
      }
      LocalDate lastMonth = today.withDayOfMonth(1).minusMonths(1);
      return opened(connection, tenant.slug(), lastMonth, null, exits)
          .compose(opened -> store.settings(connection))
          .compose(settings -> store.due(connection, today.plusDays(settings.remindDaysBefore()), today))
          .compose(due -> {
            Future<Integer> chain = Future.succeededFuture(0);
            for (ReportStore.Due report : due) {
              boolean late = report.dueOn().isBefore(today);
              String message = message(report, late);
              chain = chain.compose(count -> store.remind(connection, tenant.slug(), report.id(), late ? "after" : "before",
                  report.organisation(), message).compose(recorded -> !recorded ? Future.succeededFuture(count)
                  : store.operatorAddresses(connection, report.organisation()).compose(addresses -> {
                    Future<Void> mails = Future.succeededFuture();
                    for (String address : addresses) {
                      Mail mail = new Mail(address, (late ? "En retard : " : "Rappel : ") + "rapport mensuel de "
                          + MonthlyReport.monthLabel(report.month()) + " — " + report.title(),
                          body(tenant, message), "report:" + report.id());
                      mails = mails.compose(done -> outbox.enqueue(connection, tenant.slug(), mail).mapEmpty());
                    }
                    return mails;
                  }).map(count + 1)));
            }
            return chain;
          });
    });
  }

  private static String message(ReportStore.Due report, boolean late) {
    String what = "Le rapport mensuel de " + MonthlyReport.monthLabel(report.month()) + " de l'action « " + report.title()
        + " » (territoire " + report.territory() + ")";
    return late ? what + " était attendu le " + fr.pacte.server.web.FrenchDates.longDate(report.dueOn())
        + " et n'a pas été transmis."
        : what + " est attendu au plus tard le " + fr.pacte.server.web.FrenchDates.longDate(report.dueOn()) + ".";
  }

  private static String body(TenantSummary tenant, String message) {
    return "Bonjour,\n\n" + message + "\n\nIl est prérempli à partir des parcours : vérifiez les chiffres, corrigez-les"
        + " au besoin avec un commentaire, puis transmettez-le depuis la page Rapports et bilans de Pacte.\n\n"
        + tenant.displayName() + "\n";
  }

  // ---- scope

  static boolean visible(RequestContext context, MonthlyReport report) {
    var scope = context.scope();
    if (scope == null) {
      return false;
    }
    if (scope.organisation() != null) {
      return scope.organisation().equals(report.organisationId());
    }
    return scope.territories().isEmpty() || scope.territories().contains(report.territory());
  }

  private static void requireOperatorOrStaff(RequestContext context, MonthlyReport report) {
    var scope = context.scope();
    if (scope.organisation() == null && !scope.isWholeTenant()) {
      throw Problem.forbidden("L'opérateur de l'action complète et transmet son rapport ; le territoire le valide.");
    }
  }

  private static void requireDirection(RequestContext context) {
    if (context.scope() == null || !context.scope().isWholeTenant()) {
      throw Problem.forbidden("Cette étape revient à la direction du Département.");
    }
  }

  private static void expect(MonthlyReport report, State from, String next) {
    if (report.state() != from) {
      throw Problem.conflict("Ce rapport est « " + report.state().label().toLowerCase() + " » : il ne peut être " + next
          + " que s'il est « " + from.label().toLowerCase() + " ».");
    }
  }

  private static Future<Void> staff(RequestContext context) {
    return context.scope() != null && context.scope().isWholeTenant() ? Future.succeededFuture()
        : Future.failedFuture(Problem.forbidden("Ces réglages reviennent à la direction du Département."));
  }

  static Problem missing(UUID id) {
    return Problem.notFound("Aucun rapport « " + id + " » dans ce département.");
  }
}
