package fr.pacte.plugins.fseplus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.plugins.fseplus.FinancingPlan.CostOption;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FinancingPlanTest {

  @Test
  void theFortyPercentFlatRateCoversEveryCostOtherThanDirectStaffCosts() {
    FinancingPlan plan = new FinancingPlan(CostOption.REMAINING_FLAT_RATE, new BigDecimal("40"), 5_432_100, 0, 0, null,
        null, null, new BigDecimal("60"), 3_041_976, 0, 0, 0);
    assertEquals(2_172_840, plan.remainingCents());
    assertEquals(7_604_940, plan.totalCents());
    assertEquals(4_562_964, plan.fseCents());
    assertTrue(plan.balanced());
    assertTrue(plan.errors().isEmpty());
  }

  @Test
  void theFifteenPercentFlatRateGivesTheIndirectCostsAndRoundsToTheCentHalfUp() {
    FinancingPlan plan = new FinancingPlan(CostOption.INDIRECT_FLAT_RATE, new BigDecimal("15"), 333_333, 100_000, 999_999,
        null, null, null, new BigDecimal("50"), 0, 0, 0, 0);
    assertEquals(50_000, plan.computedIndirectCents(), "15 % of 3 333,33 € is 499,9995 €, i.e. 500,00 €");
    assertEquals(483_333, plan.totalCents(), "declared indirect costs are ignored under the flat rate");
    assertFalse(plan.balanced());
    assertEquals("resources", plan.errors().get(0).field());
  }

  @Test
  void ratesAboveTheRegulationsCapsAreRefused() {
    FinancingPlan indirect = new FinancingPlan(CostOption.INDIRECT_FLAT_RATE, new BigDecimal("15.01"), 1000, 0, 0, null,
        null, null, BigDecimal.ZERO, 0, 0, 0, 0);
    assertEquals("flatRatePercent", indirect.errors().get(0).field());
    FinancingPlan remaining = new FinancingPlan(CostOption.REMAINING_FLAT_RATE, new BigDecimal("40.5"), 1000, 0, 0, null,
        null, null, BigDecimal.ZERO, 0, 0, 0, 0);
    assertEquals("flatRatePercent", remaining.errors().get(0).field());
  }

  @Test
  void unitCostsAndLumpSumsMakeTheTotal() {
    FinancingPlan units = new FinancingPlan(CostOption.UNIT_COSTS, null, 0, 0, 0, 125_050L, 12, null,
        new BigDecimal("60"), 600_240, 0, 0, 0);
    assertEquals(1_500_600, units.totalCents());
    assertEquals(900_360, units.fseCents());
    assertTrue(units.balanced());
    FinancingPlan lump = new FinancingPlan(CostOption.LUMP_SUM, null, 0, 0, 0, null, null, 10_000_000L,
        new BigDecimal("40"), 3_000_000, 2_000_000, 1_000_000, 0);
    assertEquals(10_000_000, lump.totalCents());
    assertTrue(lump.balanced());
  }
}
