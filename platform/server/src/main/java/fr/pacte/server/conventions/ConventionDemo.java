package fr.pacte.server.conventions;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.requests.RequestContext;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Demonstration conventions of the embedded default, made through the services a user calls: each project the
 * committee selected on the tenant's calls (on the Somme, the demonstration of the call 2026-2028's instruction, one
 * project per lot) becomes its convention by the "convention of a selected project" path, with the organisation, the
 * territories, the yearly objectives, budgets, co-funders and deliberation the decision carries; then it gets an offer
 * item for the places it funds, is signed (year 1 firm), year 2 voted (lower for the first one), the year 1 advance
 * paid. Made once, when the tenant has no convention yet. Every reference says « démonstration »: nothing here is a
 * real act.
 */
final class ConventionDemo {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConventionDemo.class);

  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final LocalDate SIGNED = LocalDate.of(2025, 12, 15);
  private static final LocalDate SECOND_VOTE = LocalDate.of(2026, 11, 30);
  private static final long SECOND_YEAR_LOWER = 5_000_000L;

  private final ConventionService conventions;
  private final OfferService offer;

  ConventionDemo(ConventionService conventions, OfferService offer) {
    this.conventions = conventions;
    this.offer = offer;
  }

  Future<Void> ensure(RequestContext context) {
    String tenant = context.tenant();
    return conventions.any(tenant).compose(any -> any ? Future.succeededFuture()
        : conventions.awaiting(context).compose(awaiting -> {
          List<ConventionStore.Awaiting> projects = awaiting.stream()
              .sorted(Comparator.comparing(ConventionStore.Awaiting::lot).thenComparing(a -> a.application().toString()))
              .toList();
          Future<Void> chain = Future.succeededFuture();
          for (int i = 0; i < projects.size(); i++) {
            int number = i + 1;
            ConventionStore.Awaiting project = projects.get(i);
            // A project of an action type this node does not run (its plugin is absent) gets no convention here.
            chain = chain.compose(done -> one(context, number, project).recover(error -> {
              LOG.warn("No demonstration convention for the project {} (lot {}): {} {}", project.application(), project.lot(),
                  error.getMessage(), error instanceof fr.pacte.server.web.Problem problem ? problem.errors() : "");
              return Future.succeededFuture();
            }));
          }
          return chain;
        }));
  }

  private Future<Void> one(RequestContext context, int number, ConventionStore.Awaiting project) {
    String reference = String.format("DEMO-COM-2026-%03d", number);
    return conventions.fromDecision(context, new ConventionService.FromDecision(project.application(), project.lot(),
            reference, START, null))
        .compose(draft -> {
          Terms terms = draft.terms();
          ActionTypeDescriptor type = conventions.actionTypes(context.tenant()).get(terms.actionType());
          String label = type == null ? terms.title() : type.label().fr();
          OfferItem item = new OfferItem(null, terms.actionType(), terms.organisation(), null,
              label + " (démonstration)", "Action financée par la convention de démonstration n° " + number + ".",
              terms.periodStart(), terms.periodEnd(), "", List.of(conventions.departementName(context.tenant())), null,
              List.of(), List.of(), null, null, "", List.of(), 0, null);
          return fr.pacte.server.offer.DemoProgrammeActions.create(offer, context, item).compose(created -> conventions.update(context, draft.id(),
              completed(context, terms, created.id()), draft.version()));
        })
        .compose(c -> conventions.sign(context, c.id(), new ConventionInput.Signature(SIGNED), c.version()))
        .compose(c -> conventions.vote(context, c.id(), 2, new ConventionInput.Vote(true,
            number == 1 ? SECOND_YEAR_LOWER : c.terms().years().get(1).departementCents(), SECOND_VOTE,
            "CP du 30 novembre 2026 (démonstration)"), c.version()))
        .compose(c -> conventions.pay(context, c.id(), new Payment(null, 1, "advance", LocalDate.of(2026, 1, 30),
            Funding.advanceCents(c.terms().years().get(0).departementCents(), 50), "DEMO-M-2026-" + number), c.version()))
        .mapEmpty();
  }

  /** The terms the decision gave, with what a convention adds: signatories, means, evaluation, payment terms, the offer item. */
  private Terms completed(RequestContext context, Terms t, java.util.UUID offerId) {
    return new Terms(t.reference(), t.title(), t.actionType(), t.organisation(), t.members(), t.departement(),
        List.of(new Terms.Signatory("departement", "Président du Conseil départemental (démonstration)",
                "Président du Conseil départemental"),
            new Terms.Signatory(t.organisation(), "Présidence de l'organisme (démonstration)", "Président")),
        t.periodStart(), t.periodEnd(), t.unit(), t.objectives(),
        new Terms.Means(new java.math.BigDecimal("2.5"), null, "Du lundi au vendredi, 9 h – 17 h",
            "Deux conseillers et demi en équivalent temps plein, un local sur chaque territoire."),
        "Bilan annuel présenté au comité de pilotage ; rapport mensuel d'activité remis le 30 de chaque mois.",
        "Reconduction par tranche annuelle, après vote de l'assemblée délibérante et au vu du bilan de l'année écoulée.",
        new Terms.PaymentTerms(50, 3, "Avance de 50 % de la tranche votée au début de chaque année, solde après le bilan annuel."),
        t.indirectCostCapPercent(), t.years(), t.decision(), t.notificationUe(), offerId, t.callId(), t.applicationId(), t.lot());
  }
}
