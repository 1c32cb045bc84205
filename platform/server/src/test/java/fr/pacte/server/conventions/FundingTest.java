package fr.pacte.server.conventions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The money of a convention, with figures worked by hand (amounts in cents). */
class FundingTest {

  private static final Map<String, String> TYPES = Map.of("plateforme-mobilite-solidaire", "PEOPLE_IN_FILE_ACTIVE");
  private static final Set<String> TERRITORIES = Set.of("amiens", "picardie-maritime");

  private static Terms.Year year(long direct, long indirect, long departement, long... coFunders) {
    List<Terms.CoFunding> funders = new java.util.ArrayList<>();
    for (long amount : coFunders) {
      funders.add(new Terms.CoFunding("fse-plus", "FSE+", amount, "granted"));
    }
    return new Terms.Year(1, direct, indirect, departement, funders);
  }

  @Test
  void indirectCostsAbove20PercentOfTheTotalAreNotEligible() {
    // 80 000 € direct + 25 000 € indirect = 105 000 €; 20 % of it is 21 000 €; 4 000 € of indirect costs are not eligible.
    Terms.Year y = year(8_000_000, 2_500_000, 7_000_000, 3_100_000);
    assertEquals(2_100_000, Funding.indirectCapCents(10_500_000, 20));
    assertEquals(400_000, Funding.nonEligibleCents(y, 20));
    assertEquals(10_100_000, Funding.eligibleCents(y, 20));
    assertEquals(0, Funding.imbalanceCents(y, 20), "70 000 € + 31 000 € cover the 101 000 € eligible");
  }

  @Test
  void indirectCostsWithinTheCapAreAllEligible() {
    // 60 000 € + 12 000 € = 72 000 €; the cap is 14 400 €, above the 12 000 € of indirect costs.
    Terms.Year y = year(6_000_000, 1_200_000, 5_400_000, 1_200_000, 600_000);
    assertEquals(0, Funding.nonEligibleCents(y, 20));
    assertEquals(7_200_000, Funding.eligibleCents(y, 20));
    assertEquals(0, Funding.imbalanceCents(y, 20));
  }

  @Test
  void theCapIsRoundedDownToTheCent() {
    // 20 % of 1 000,05 € is 200,01 € (200,010): one cent of 20 % of 0,05 € is lost to rounding down, never gained.
    assertEquals(20_001, Funding.indirectCapCents(100_005, 20));
    assertEquals(33, Funding.indirectCapCents(167, 20), "20 % of 1,67 € is 0,334 €: 33 cents");
  }

  @Test
  void theAdvanceIsItsPercentOfTheVotedTrancheRoundedDownAndTheBalanceTheRest() {
    Terms terms = terms(List.of(year(6_000_000, 1_200_000, 5_400_000, 1_800_000)), 30);
    // 30 % of 54 000,01 € = 16 200,003 €: 16 200,00 € in advance, 37 800,01 € as balance.
    Tranche voted = new Tranche(1, Tranche.VOTED, 5_400_001L, LocalDate.of(2025, 12, 8), "CP 2025-12");
    Funding.YearFigures f = Funding.figures(terms, voted, List.of(), LocalDate.of(2025, 12, 15));
    assertEquals(List.of(new Funding.Due(1, "advance", LocalDate.of(2026, 1, 1), 1_620_000),
        new Funding.Due(1, "balance", LocalDate.of(2027, 3, 31), 3_780_001)), f.schedule());
  }

  @Test
  void paidAndStillDueAreCountedOnTheVotedTranche() {
    Terms terms = terms(List.of(year(6_000_000, 1_200_000, 5_400_000, 1_800_000),
        new Terms.Year(2, 6_000_000, 1_200_000, 5_400_000, List.of(new Terms.CoFunding("etat", "État", 1_800_000, "requested")))), 50);
    Tranche second = new Tranche(2, Tranche.VOTED, 5_000_000L, LocalDate.of(2026, 11, 30), "CP 2026-11");
    List<Payment> payments = List.of(new Payment(null, 2, "advance", LocalDate.of(2027, 1, 20), 2_500_000, "M-1"),
        new Payment(null, 1, "advance", LocalDate.of(2026, 1, 20), 2_700_000, "M-0"));
    Funding.YearFigures f = Funding.figures(terms, second, payments, LocalDate.of(2025, 12, 15));
    // Planned 54 000 €, voted lower at 50 000 €; 25 000 € paid on year 2 (the payment of year 1 does not count): 25 000 € due.
    assertEquals(5_400_000, f.committedCents());
    assertEquals(5_000_000, f.votedCents());
    assertEquals(0, f.provisionalCents());
    assertEquals(2_500_000, f.paidCents());
    assertEquals(2_500_000, f.dueCents());
    assertEquals(LocalDate.of(2027, 1, 1), f.start());
    assertEquals(LocalDate.of(2027, 12, 31), f.end());
  }

  @Test
  void aProvisionalTrancheIsCommittedButNeitherVotedNorDueAndANotRenewedOneIsNothing() {
    Terms terms = terms(List.of(year(6_000_000, 1_200_000, 5_400_000, 1_800_000)), 50);
    Funding.YearFigures provisional = Funding.figures(terms, new Tranche(1, Tranche.PROVISIONAL, null, null, null), List.of(), null);
    assertEquals(5_400_000, provisional.committedCents());
    assertEquals(5_400_000, provisional.provisionalCents());
    assertEquals(0, provisional.votedCents());
    assertEquals(0, provisional.dueCents());
    Funding.YearFigures stopped = Funding.figures(terms,
        new Tranche(1, Tranche.NOT_RENEWED, null, LocalDate.of(2026, 1, 5), "CP"), List.of(), null);
    assertEquals(0, stopped.committedCents());
    assertEquals(List.of(), stopped.schedule());
  }

  @Test
  void aPeriodOfThreeYearsFromTheFirstOfJanuaryCountsThreeYearsAndAnyLengthIsAllowed() {
    assertEquals(3, Terms.yearsIn(LocalDate.of(2026, 1, 1), LocalDate.of(2028, 12, 31)));
    assertEquals(2, Terms.yearsIn(LocalDate.of(2026, 7, 1), LocalDate.of(2027, 12, 31)), "18 months: a year and a started one");
    assertEquals(1, Terms.yearsIn(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 30)));
  }

  @Test
  void theApiRefusesAYearWhoseResourcesDoNotCoverTheEligibleCostNamingTheField() {
    JsonObject body = body(new JsonObject().put("directCents", 6_000_000).put("indirectCents", 1_200_000)
        .put("departementCents", 5_000_000).put("coFunders", new JsonArray()));
    Problem problem = assertThrows(Problem.class, () -> ConventionInput.terms(body, TYPES, TERRITORIES, "Département de la Somme"));
    assertEquals(400, problem.status());
    assertTrue(problem.errors().stream().anyMatch(e -> e.field().equals("years[0].departementCents")
        && e.message().contains("ne s'équilibre pas") && e.message().contains("72 000 €")), problem.errors().toString());
  }

  @Test
  void theDepartementNeverFundsMoreThanTheEligibleCost() {
    JsonObject body = body(new JsonObject().put("directCents", 8_000_000).put("indirectCents", 2_500_000)
        .put("departementCents", 10_500_000).put("coFunders", new JsonArray()));
    Problem problem = assertThrows(Problem.class, () -> ConventionInput.terms(body, TYPES, TERRITORIES, "Département de la Somme"));
    assertTrue(problem.errors().stream().anyMatch(e -> e.field().equals("years[0].departementCents")
        && e.message().contains("101 000 €")), problem.errors().toString());
  }

  @Test
  void aBalancedOneYearConventionIsReadWithItsDefaults() {
    JsonObject body = body(new JsonObject().put("directCents", 6_000_000).put("indirectCents", 1_200_000)
        .put("departementCents", 5_400_000).put("coFunders", new JsonArray().add(new JsonObject().put("kind", "fse-plus")
            .put("name", "FSE+").put("amountCents", 1_800_000).put("status", "granted"))));
    Terms terms = ConventionInput.terms(body, TYPES, TERRITORIES, "Département de la Somme");
    assertEquals("Département de la Somme", terms.departement().name());
    assertEquals(50, terms.payment().advancePercent());
    assertEquals(20, terms.indirectCostCapPercent());
    assertEquals(new BigDecimal("2.5"), terms.means().staffFte());
    assertEquals(140, terms.objective(1, "amiens"));
  }

  @Test
  void anAmendmentSaysInWordsWhatItChanges() {
    Terms before = terms(List.of(year(6_000_000, 1_200_000, 5_400_000, 1_800_000)), 50);
    Terms after = before.withObjectives(List.of(new Terms.Objective(1, "amiens", 160)))
        .withYears(List.of(before.years().get(0).withDepartement(5_000_000)));
    List<String> changes = ConventionService.changes(before, after);
    assertTrue(changes.contains("Montant du Département, année 1 : 50 000 € au lieu de 54 000 €."), changes.toString());
    assertTrue(changes.contains("Objectif de l'année 1 sur « amiens » : 160 au lieu de 140."), changes.toString());
  }

  private static JsonObject body(JsonObject year) {
    return new JsonObject().put("reference", "CD80-TEST-1").put("title", "Plateforme mobilité").put("actionType",
            "plateforme-mobilite-solidaire").put("organisation", "association-demo").put("periodStart", "2026-01-01")
        .put("periodEnd", "2026-12-31").put("means", new JsonObject().put("staffFte", "2,5"))
        .put("objectives", new JsonArray().add(new JsonObject().put("year", 1).put("territory", "amiens").put("target", 140)))
        .put("years", new JsonArray().add(year));
  }

  private static Terms terms(List<Terms.Year> years, int advancePercent) {
    return new Terms("CD80-TEST-1", "Plateforme mobilité", "plateforme-mobilite-solidaire", "association-demo", List.of(),
        new Terms.Party("Département de la Somme", null), List.of(), LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 1, 1).plusYears(years.size()).minusDays(1), "PEOPLE_IN_FILE_ACTIVE",
        List.of(new Terms.Objective(1, "amiens", 140)), new Terms.Means(null, null, null, null), null, null,
        new Terms.PaymentTerms(advancePercent, 3, null), 20, years, new Terms.Decision(null, null), false, null, null, null, null);
  }
}
