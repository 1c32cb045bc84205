package fr.pacte.plugins.fseplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.plugins.fseplus.FinancingPlan.CostOption;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClaimableTest {

  private static final FinancingPlan FORTY_PERCENT = new FinancingPlan(CostOption.REMAINING_FLAT_RATE,
      new BigDecimal("40"), 5_432_100, 0, 0, null, null, null, new BigDecimal("60"), 3_041_976, 0, 0, 0);

  private static PaymentClaim claim(String kind, long cents) {
    return claim(kind, cents, "submitted");
  }

  private static PaymentClaim claim(String kind, long cents, String status) {
    return new PaymentClaim(UUID.randomUUID(), kind, cents, LocalDate.of(2026, 6, 1), 0, 0, 0, status, 1, null, null,
        List.of());
  }

  @Test
  void theClaimableAmountIsTheRateOfTheRealisedCostsMinusWhatWasAlreadyClaimed() {
    // 2026: 12 345,67 € staff -> 17 283,94 € eligible; 2027: 10 000,00 € staff -> 14 000,00 €. Total 31 283,94 €.
    // FSE+ 60 % = 18 770,364 €, i.e. 18 770,36 €; 5 000,00 € advance already claimed: 13 770,36 € may be claimed.
    Claimable c = Claimable.of(FORTY_PERCENT, List.of(new RealisedCosts(2026, 1_234_567, 0, 0, 0, 0, 1),
        new RealisedCosts(2027, 1_000_000, 0, 0, 0, 0, 1)), List.of(claim("advance", 500_000)));
    assertEquals(3_128_394, c.realisedTotalCents());
    assertEquals(1_877_036, c.fseDueCents());
    assertEquals(1_377_036, c.claimableCents());
    assertTrue(c.errors("interim", 1_377_036L).isEmpty());
    assertEquals("amountCents", c.errors("interim", 1_377_037L).get(0).field());
  }

  @Test
  void neverMoreThanTheFseAmountOfThePlanNorAnythingAfterTheBalance() {
    Claimable over = Claimable.of(FORTY_PERCENT, List.of(new RealisedCosts(2026, 9_000_000, 0, 0, 0, 0, 1)), List.of());
    assertEquals(4_562_964, over.fseDueCents(), "capped at the plan's FSE+");
    Claimable closed = Claimable.of(FORTY_PERCENT, List.of(new RealisedCosts(2026, 9_000_000, 0, 0, 0, 0, 1)),
        List.of(claim("balance", 1_000)));
    assertEquals(0, closed.claimableCents());
    assertEquals("kind", closed.errors("interim", 1L).get(0).field());
    assertEquals("kind", over.errors("final", 1L).get(0).field());
  }

  @Test
  void aWithdrawnClaimNoLongerCountsInWhatWasClaimedNorClosesTheOperation() {
    Claimable c = Claimable.of(FORTY_PERCENT, List.of(new RealisedCosts(2026, 1_000_000, 0, 0, 0, 0, 1)),
        List.of(claim("advance", 300_000, "draft"), claim("balance", 500_000, "withdrawn")));
    // 10 000 € staff -> 14 000 € eligible, FSE+ 60 % = 8 400 €; the draft advance counts, the withdrawn balance not.
    assertEquals(300_000, c.alreadyClaimedCents());
    assertEquals(540_000, c.claimableCents());
    assertTrue(c.errors("interim", 540_000L).isEmpty(), "the withdrawn balance does not close the operation");
  }

  @Test
  void aNonCompliantCheckIsLeftUntilALaterCheckRecordsTheGapAsCorrected() {
    PaymentClaim claim = claim("interim", 1_000, "draft");
    ServiceCheck wrong = new ServiceCheck(UUID.randomUUID(), claim.id(), null, "pilotage", LocalDate.of(2026, 3, 31),
        "Facture de mars", "non-compliant");
    ServiceCheck corrected = new ServiceCheck(UUID.randomUUID(), claim.id(), null, "pilotage", LocalDate.of(2026, 4, 2),
        "Facture de mars, corrigée", "corrected");
    ServiceCheck compliant = new ServiceCheck(UUID.randomUUID(), claim.id(), null, "pilotage", LocalDate.of(2026, 4, 3),
        "Feuilles d'émargement", "compliant");
    assertTrue(claim.withChecks(List.of(wrong)).nonComplianceLeft());
    assertTrue(claim.withChecks(List.of(wrong, compliant)).nonComplianceLeft(), "a compliant check elsewhere corrects nothing");
    assertFalse(claim.withChecks(List.of(wrong, corrected, compliant)).nonComplianceLeft());
    assertTrue(claim.withChecks(List.of(corrected, wrong)).nonComplianceLeft());
  }
}
