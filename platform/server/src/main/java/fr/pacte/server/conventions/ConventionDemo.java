package fr.pacte.server.conventions;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.organisations.OrganisationService;
import fr.pacte.server.requests.RequestContext;
import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Demonstration conventions of the embedded default, made through the services a user calls: for each action type
 * of the tenant's call, the demonstration association gets an offer item and a 3-year convention on two territories
 * of the call's needs, signed (year 1 firm), year 2 voted (lower for the first one), the year 1 advance paid. Made
 * once, when the tenant has no convention yet. Every reference says « démonstration »: nothing here is a real act.
 */
final class ConventionDemo {

  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private static final LocalDate DECISION = LocalDate.of(2025, 12, 8);
  private static final LocalDate SIGNED = LocalDate.of(2025, 12, 15);
  private static final LocalDate SECOND_VOTE = LocalDate.of(2026, 11, 30);
  private static final long DIRECT = 6_000_000L;
  private static final long INDIRECT = 1_200_000L;
  private static final long DEPARTEMENT = 5_400_000L;
  private static final long FSE = 1_200_000L;
  private static final long COMMUNE = 600_000L;
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
        : conventions.needs(tenant).compose(needs -> {
          Future<Void> chain = Future.succeededFuture();
          int n = 0;
          for (Map.Entry<String, ActionTypeDescriptor> type : conventions.actionTypes(tenant).entrySet()) {
            Map<String, Integer> targets = needs.get(type.getKey());
            if (targets == null || targets.size() < 2) {
              continue;
            }
            int number = ++n;
            chain = chain.compose(done -> one(context, number, type.getValue(), targets));
          }
          return chain;
        }));
  }

  private Future<Void> one(RequestContext context, int number, ActionTypeDescriptor type, Map<String, Integer> targets) {
    List<String> territories = new ArrayList<>(targets.keySet()).subList(0, 2);
    OfferItem item = new OfferItem(null, type.code(), OrganisationService.DEMO_ORGANISATION, null,
        type.label().fr() + " (démonstration)", "Action financée par la convention de démonstration n° " + number + ".",
        START, START.plusYears(3).minusDays(1), "", List.of(conventions.departementName(context.tenant())), null, List.of(),
        List.of(), null, null, "", List.of(), 0, null);
    return offer.create(context, item).compose(created -> {
      Terms terms = terms(context, number, type, territories, targets, created.id());
      return conventions.create(context, terms);
    }).compose(c -> conventions.sign(context, c.id(), new ConventionInput.Signature(SIGNED), c.version()))
        .compose(c -> conventions.vote(context, c.id(), 2, new ConventionInput.Vote(true,
            number == 1 ? SECOND_YEAR_LOWER : DEPARTEMENT, SECOND_VOTE, "CP du 30 novembre 2026 (démonstration)"), c.version()))
        .compose(c -> conventions.pay(context, c.id(), new Payment(null, 1, "advance", LocalDate.of(2026, 1, 30),
            Funding.advanceCents(DEPARTEMENT, 50), "DEMO-M-2026-" + number), c.version()))
        .mapEmpty();
  }

  private Terms terms(RequestContext context, int number, ActionTypeDescriptor type, List<String> territories,
                      Map<String, Integer> targets, java.util.UUID offerId) {
    List<Terms.Objective> objectives = new ArrayList<>();
    for (int year = 1; year <= 3; year++) {
      for (String territory : territories) {
        objectives.add(new Terms.Objective(year, territory, targets.get(territory)));
      }
    }
    List<Terms.Year> years = new ArrayList<>();
    for (int year = 1; year <= 3; year++) {
      years.add(new Terms.Year(year, DIRECT, INDIRECT, DEPARTEMENT, List.of(
          new Terms.CoFunding("fse-plus", "FSE+ (démonstration)", FSE, "granted"),
          new Terms.CoFunding("commune-epci", "Communauté de communes (démonstration)", COMMUNE, "requested"))));
    }
    return new Terms(String.format("DEMO-COM-2026-%03d", number), type.label().fr() + " — convention d'objectifs et de moyens 2026-2028",
        type.code(), OrganisationService.DEMO_ORGANISATION, List.of(),
        new Terms.Party(conventions.departementName(context.tenant()), null),
        List.of(new Terms.Signatory("departement", "Président du Conseil départemental (démonstration)",
                "Président du Conseil départemental"),
            new Terms.Signatory(OrganisationService.DEMO_ORGANISATION, "Présidente de l'association (démonstration)",
                "Présidente")),
        START, START.plusYears(3).minusDays(1), type.capacityUnit().name(), objectives,
        new Terms.Means(new java.math.BigDecimal("2.5"), null, "Du lundi au vendredi, 9 h – 17 h",
            "Deux conseillers et demi en équivalent temps plein, un local sur chaque territoire."),
        "Bilan annuel présenté au comité de pilotage ; rapport mensuel d'activité remis le 30 de chaque mois.",
        "Reconduction par tranche annuelle, après vote de l'assemblée délibérante et au vu du bilan de l'année écoulée.",
        new Terms.PaymentTerms(50, 3, "Avance de 50 % de la tranche votée au début de chaque année, solde après le bilan annuel."),
        20, years, new Terms.Decision(DECISION, "CP du 8 décembre 2025 (démonstration)"), false, offerId, null, null, null);
  }
}
