package fr.pacte.server.reporting;

import fr.pacte.server.conventions.Convention;
import fr.pacte.server.conventions.ConventionService;
import fr.pacte.server.reporting.MonthlyReport.Line;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantClock;
import io.vertx.core.Future;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Demonstration reports of the embedded default, made through the services a user calls, once the demonstration
 * people are in: the last two months' reports opened and prefilled from the pathways; last month's first report
 * reconciled (a corrected figure with its comment) and submitted, the month before's reports submitted, validated,
 * approved and the first one locked; the fiche bilan of the first demonstration convention's first year opened.
 * Done once: a tenant that already has reports is left alone.
 */
public final class ReportDemo {

  private final ReportService reports;
  private final EvaluationService evaluations;
  private final ConventionService conventions;
  private final TenantClock clock;

  ReportDemo(ReportService reports, EvaluationService evaluations, ConventionService conventions, TenantClock clock) {
    this.reports = reports;
    this.evaluations = evaluations;
    this.conventions = conventions;
    this.clock = clock;
  }

  /** Returns the number of reports opened (0 when the tenant already had some). */
  public Future<Integer> ensure(String tenant) {
    RequestContext context = RequestContext.system(tenant, "données de démonstration des rapports", clock);
    YearMonth last = YearMonth.from(context.today()).minusMonths(1);
    return reports.any(tenant, last.minusMonths(1), last).compose(existing -> {
      if (existing) {
        return Future.succeededFuture(0);
      }
      return reports.open(context, last.minusMonths(1)).compose(before -> reports.open(context, last).map(before + 0))
          .compose(opened -> reports.list(context, last.minusMonths(1), last).compose(list ->
              workflow(context, list, last)).compose(done -> bilan(context)).map(opened));
    });
  }

  private Future<Void> workflow(RequestContext context, List<MonthlyReport> list, YearMonth last) {
    List<MonthlyReport> filled = list.stream().filter(r -> r.line("file-active-end") != null
        && r.line("file-active-end").prefilled().signum() > 0).toList();
    Future<Void> chain = Future.succeededFuture();
    MonthlyReport reconciled = filled.stream().filter(r -> YearMonth.from(r.month()).equals(last)).findFirst().orElse(null);
    if (reconciled != null) {
      Line entries = reconciled.line("entries");
      chain = chain.compose(done -> reports.reconcile(context, reconciled.id(), new ReportService.Reconciliation(Map.of(
              "entries", new ReportService.Correction(entries.prefilled().add(BigDecimal.ONE),
                  "Une entrée du dernier jour du mois saisie le lendemain dans Pacte (démonstration).")),
              "Mois sans difficulté particulière (démonstration)."), reconciled.version()))
          .compose(r -> reports.submit(context, r.id(), r.version())).mapEmpty();
    }
    List<MonthlyReport> before = filled.stream().filter(r -> !YearMonth.from(r.month()).equals(last)).toList();
    for (int i = 0; i < before.size(); i++) {
      MonthlyReport report = before.get(i);
      boolean lock = i == 0;
      chain = chain.compose(done -> reports.submit(context, report.id(), report.version()))
          .compose(r -> reports.validate(context, r.id(), r.version()))
          .compose(r -> reports.approve(context, r.id(), r.version()))
          .compose(r -> lock ? reports.lock(context, r.id(), r.version()).mapEmpty() : Future.<Void>succeededFuture());
    }
    return chain;
  }

  private Future<Void> bilan(RequestContext context) {
    return conventions.list(context).compose(list -> {
      Convention first = list.stream().filter(c -> c.terms().reference().startsWith("DEMO-COM-")).min(
          java.util.Comparator.comparing(c -> c.terms().reference())).orElse(null);
      if (first == null) {
        return Future.succeededFuture();
      }
      return evaluations.open(context, first.id(), 1).mapEmpty();
    });
  }
}
