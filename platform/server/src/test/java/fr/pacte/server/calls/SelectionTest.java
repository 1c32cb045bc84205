package fr.pacte.server.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.calls.CallForProjects.Criterion;
import fr.pacte.server.calls.CallForProjects.Level;
import fr.pacte.server.calls.CallForProjects.Need;
import fr.pacte.server.calls.Consolidation.Agreed;
import fr.pacte.server.calls.Consolidation.Sheet;
import fr.pacte.server.calls.Ranking.Project;
import fr.pacte.server.calls.SelectionGrid.Mark;
import fr.pacte.server.calls.SelectionProposal.Choice;
import fr.pacte.server.web.Problem;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Scoring, consolidation, ranking and the selection proposal, on figures worked by hand. */
class SelectionTest {

  private static final String MOBILITY = "plateforme-mobilite-solidaire";
  private static final List<Level> ZERO_TO_THREE = List.of(new Level(0, "Insuffisant"), new Level(1, "Partiel"),
      new Level(2, "Satisfaisant"), new Level(3, "Très satisfaisant"));

  private static Criterion general(String code, int weight) {
    return new Criterion(code, code, "", weight, ZERO_TO_THREE, List.of());
  }

  private static Criterion own(String type, String code) {
    return new Criterion(code, code, type, 1, ZERO_TO_THREE, List.of());
  }

  /** Weights 3, 2, 2, 1 on the four general criteria, 1 on each of the mobility fiche's three; a workshop criterion. */
  private static final List<Criterion> CRITERIA = List.of(general("qualite-projet", 3), general("experience-structure", 2),
      general("logistique-accessibilite", 2), general("cout-projet", 1),
      own(MOBILITY, "qualite_methodologie_pedagogie"), own(MOBILITY, "caractere_innovant"),
      own(MOBILITY, "modalite_rythme_intensite"), own("remobilisation-sociale", "diversite_coherence_ateliers"));

  private static final SelectionGrid GRID = SelectionGrid.of(CRITERIA, MOBILITY);

  private static Map<String, Integer> scores(int quality, int experience, int logistics, int cost, int method,
                                             int innovation, int rhythm) {
    Map<String, Integer> scores = new LinkedHashMap<>();
    scores.put("qualite-projet", quality);
    scores.put("experience-structure", experience);
    scores.put("logistique-accessibilite", logistics);
    scores.put("cout-projet", cost);
    scores.put(MOBILITY + ":qualite_methodologie_pedagogie", method);
    scores.put(MOBILITY + ":caractere_innovant", innovation);
    scores.put(MOBILITY + ":modalite_rythme_intensite", rhythm);
    return scores;
  }

  @Test
  void theGridOfAMobilityProjectHoldsTheGeneralCriteriaAndTheMobilityFichesOwnButNotTheWorkshopOnes() {
    assertEquals(7, GRID.criteria().size());
    assertTrue(GRID.criteria().stream().noneMatch(c -> c.actionType().equals("remobilisation-sociale")));
    // (3 + 2 + 2 + 1 + 1 + 1 + 1) × 3 = 33
    assertEquals(33, GRID.maxPoints());
  }

  @Test
  void aReviewersTotalIsEachScoreTimesItsWeight() {
    // 3×3 + 2×2 + 2×2 + 1×1 + 2 + 3 + 2 = 9 + 4 + 4 + 1 + 7 = 25
    assertEquals(25, GRID.points(scores(3, 2, 2, 1, 2, 3, 2)));
    // 2×3 + 2×2 + 0×2 + 1×1 + 2 + 2 + 2 = 6 + 4 + 0 + 1 + 6 = 17
    assertEquals(17, GRID.points(scores(2, 2, 0, 1, 2, 2, 2)));
  }

  @Test
  void twoReviewersEightPointsApartOutOf33AreFlaggedAboveFifteenPercentWithTheCriterionTwoLevelsApart() {
    Consolidation c = Consolidation.of(GRID, List.of(new Sheet("A", scores(3, 2, 2, 1, 2, 3, 2)),
        new Sheet("B", scores(2, 2, 0, 1, 2, 2, 2))), 15, null);
    assertEquals(25, c.totals().get(0).points());
    assertEquals(new BigDecimal("75.76"), c.totals().get(0).percent(), "2500 / 33 = 75.7575…");
    assertEquals(new BigDecimal("51.52"), c.totals().get(1).percent(), "1700 / 33 = 51.5151…");
    assertEquals(new BigDecimal("21.00"), c.meanPoints(), "(25 + 17) / 2");
    assertEquals(8, c.spreadPoints());
    assertEquals(new BigDecimal("24.24"), c.spreadPercent(), "800 / 33 = 24.2424…");
    assertTrue(c.disagreement(), "8 × 100 = 800 > 15 × 33 = 495");
    assertEquals(List.of("logistique-accessibilite"), c.criteriaApart(), "2 against 0; every other criterion one level apart at most");
    assertFalse(c.settled(), "a disagreement waits for an agreed score");
    assertEquals(new BigDecimal("21.00"), c.points(), "until then the mean");
    assertEquals(new BigDecimal("63.64"), c.percent(), "2100 / 33 = 63.6363…");
  }

  @Test
  void theAgreedScoreReplacesTheMeanAndSettlesTheDisagreement() {
    Consolidation c = Consolidation.of(GRID, List.of(new Sheet("A", scores(3, 2, 2, 1, 2, 3, 2)),
        new Sheet("B", scores(2, 2, 0, 1, 2, 2, 2))), 15, new Agreed(new BigDecimal("22"), "Couverture confirmée en commission"));
    assertTrue(c.settled());
    assertEquals(new BigDecimal("22.00"), c.points());
    assertEquals(new BigDecimal("66.67"), c.percent(), "2200 / 33 = 66.666…");
  }

  @Test
  void aSpreadOfExactlyTheThresholdIsNotFlaggedOnePointMoreIs() {
    List<Level> zeroToFour = List.of(new Level(0, "0"), new Level(1, "1"), new Level(2, "2"), new Level(3, "3"), new Level(4, "4"));
    SelectionGrid grid = new SelectionGrid("", List.of(new Criterion("a", "a", "", 1, zeroToFour, List.of()),
        new Criterion("b", "b", "", 4, zeroToFour, List.of())));
    assertEquals(20, grid.maxPoints());
    Consolidation atThreshold = Consolidation.of(grid, List.of(new Sheet("A", Map.of("a", 4, "b", 4)),
        new Sheet("B", Map.of("a", 1, "b", 4))), 15, null);
    assertEquals(3, atThreshold.spreadPoints());
    assertFalse(atThreshold.disagreement(), "3 out of 20 is 15 %, not above");
    assertTrue(atThreshold.settled());
    assertEquals(new BigDecimal("18.50"), atThreshold.points(), "(20 + 17) / 2");
    Consolidation above = Consolidation.of(grid, List.of(new Sheet("A", Map.of("a", 4, "b", 4)),
        new Sheet("B", Map.of("a", 0, "b", 4))), 15, null);
    assertTrue(above.disagreement(), "4 out of 20 is 20 %");
    assertEquals(List.of("a"), above.criteriaApart());
  }

  @Test
  void aSheetIsCheckedCriterionByCriterionInFrench() {
    Map<String, Mark> sheet = new LinkedHashMap<>();
    sheet.put("qualite-projet", new Mark(3, "Projet conforme"));
    sheet.put("experience-structure", new Mark(5, "Très expérimentée"));
    sheet.put("logistique-accessibilite", new Mark(2, " "));
    sheet.put("cout-projet", new Mark(1, "Ratio correct"));
    sheet.put(MOBILITY + ":qualite_methodologie_pedagogie", new Mark(2, "ok"));
    sheet.put(MOBILITY + ":caractere_innovant", new Mark(2, "ok"));
    sheet.put("remobilisation-sociale:diversite_coherence_ateliers", new Mark(2, "ok"));
    List<Problem.FieldError> errors = GRID.check(sheet);
    Map<String, String> byField = new LinkedHashMap<>();
    errors.forEach(e -> byField.put(e.field(), e.message()));
    assertEquals("Ce critère n'est pas dans la grille de ce lot.", byField.get("scores.remobilisation-sociale:diversite_coherence_ateliers"));
    assertTrue(byField.get("scores.experience-structure").startsWith("La note 5 n'est pas un niveau du barème"), byField.toString());
    assertEquals("Justifiez la note du critère « logistique-accessibilite ».", byField.get("scores.logistique-accessibilite.justification"));
    assertEquals("Notez le critère « modalite_rythme_intensite ».", byField.get("scores." + MOBILITY + ":modalite_rythme_intensite"));
    assertEquals(4, errors.size(), byField.toString());
  }

  private static final UUID P1 = new UUID(0, 1);
  private static final UUID P2 = new UUID(0, 2);
  private static final UUID P3 = new UUID(0, 3);
  private static final UUID P4 = new UUID(0, 4);

  /** Amounts in euros × 100. P2 asks 130 000 € of which 120 000 € are fundable (indirect costs above the cap). */
  private static List<Project> projects() {
    return List.of(
        new Project(P1, "Mobilité Nord", "mobilite", List.of("amiens", "cinq-vallees"), new BigDecimal("22.00"), true,
            10_000_000, 10_000_000, Map.of("amiens", 40, "cinq-vallees", 30)),
        new Project(P2, "Roue libre", "mobilite", List.of("amiens"), new BigDecimal("25.00"), true,
            13_000_000, 12_000_000, Map.of("amiens", 80)),
        new Project(P3, "Permis pour tous", "mobilite", List.of("amiens"), new BigDecimal("22.00"), true,
            8_000_000, 8_000_000, Map.of("amiens", 50)),
        new Project(P4, "Garage solidaire", "mobilite", List.of("cinq-vallees"), null, false,
            5_000_000, 5_000_000, Map.of("cinq-vallees", 20)));
  }

  @Test
  void theRankingPerLotAndTerritoryPutsTheBestFirstEqualScoresShareARankAndUnscoredComeLast() {
    Map<String, List<String>> lots = new LinkedHashMap<>();
    lots.put("mobilite", List.of("amiens", "cinq-vallees"));
    Ranking ranking = Ranking.of(lots, projects());
    Ranking.Group amiens = ranking.group("mobilite", "amiens");
    assertEquals(List.of(P2, P3, P1), amiens.places().stream().map(p -> p.project().application()).toList(),
        "25 first; of the two 22, the smaller amount asked (80 000 € before 100 000 €)");
    assertEquals(List.of(1, 2, 2), amiens.places().stream().map(Ranking.Place::rank).toList());
    Ranking.Group cinqVallees = ranking.group("mobilite", "cinq-vallees");
    assertEquals(List.of(P1, P4), cinqVallees.places().stream().map(p -> p.project().application()).toList());
    assertEquals(1, cinqVallees.places().get(0).rank());
    assertNull(cinqVallees.places().get(1).rank(), "not scored yet");
  }

  private static final Map<String, List<Need>> NEEDS = Map.of("mobilite",
      List.of(new Need("amiens", "file_active", 150), new Need("cinq-vallees", "file_active", 60)));

  @Test
  void aSuggestionTakesTheRankedProjectsThatStillFitInAnEnvelopeTooSmallForAll() {
    // 200 000 €: P2 (120 000, left 80 000), P3 (80 000, left 0); P1 (100 000) no longer fits; P4 has no score.
    List<Choice> suggested = SelectionProposal.suggest(projects(), 20_000_000L, Map.of());
    Map<UUID, Boolean> retained = new LinkedHashMap<>();
    suggested.forEach(c -> retained.put(c.application(), c.retained()));
    assertEquals(Map.of(P1, false, P2, true, P3, true, P4, false), retained);
    SelectionProposal proposal = SelectionProposal.of(projects(), suggested, 20_000_000L, Map.of(), NEEDS);
    assertEquals(20_000_000L, proposal.totalCents());
    assertEquals(0L, proposal.leftCents());
    assertTrue(proposal.withinEnvelopes());
    // Amiens: 150 − (80 + 50) = 20 missing; Cinq Vallées: nothing retained there, 60 missing.
    assertEquals(List.of(new SelectionProposal.Uncovered("mobilite", "amiens", "file_active", 150, 130, 20),
        new SelectionProposal.Uncovered("mobilite", "cinq-vallees", "file_active", 60, 0, 60)), proposal.uncovered());
  }

  @Test
  void aNegotiatedAmountReplacesTheFundableOneAndWhatIsLeftOfTheEnvelopeFollows() {
    // P2 negotiated at 95 000 €, P1 at its fundable 100 000 €: 195 000 € of 200 000 €, 5 000 € left.
    SelectionProposal proposal = SelectionProposal.of(projects(), List.of(new Choice(P2, "mobilite", true, 9_500_000L),
        new Choice(P1, "mobilite", true, null), new Choice(P3, "mobilite", false, null)), 20_000_000L, Map.of("mobilite", 19_000_000L), NEEDS);
    assertEquals(19_500_000L, proposal.totalCents());
    assertEquals(500_000L, proposal.leftCents());
    assertEquals(-500_000L, proposal.lots().get("mobilite").leftCents(), "the lot's own 190 000 € are exceeded by 5 000 €");
    assertFalse(proposal.withinEnvelopes());
    // Amiens: 150 − (40 + 80) = 30; Cinq Vallées: 60 − 30 = 30.
    assertEquals(List.of(30, 30), proposal.uncovered().stream().map(SelectionProposal.Uncovered::missing).toList());
  }

  @Test
  void aNegotiatedAmountAboveTheAmountAskedIsRefusedNamingTheLine() {
    Problem refused = assertThrows(Problem.class, () -> SelectionProposal.of(projects(),
        List.of(new Choice(P3, "mobilite", true, 9_000_000L)), 20_000_000L, Map.of(), NEEDS));
    assertEquals("lines[0].negotiatedCents", refused.errors().get(0).field());
    assertEquals("Le montant négocié (90 000 €) dépasse le montant demandé (80 000 €).", refused.errors().get(0).message());
  }
}
