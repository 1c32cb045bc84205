package fr.pacte.plugins.fseplus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.pacte.plugins.fseplus.FinancingPlan.CostOption;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RealisedCostsTest {

  private static final FinancingPlan FORTY_PERCENT = new FinancingPlan(CostOption.REMAINING_FLAT_RATE,
      new BigDecimal("40"), 5_432_100, 0, 0, null, null, null, new BigDecimal("60"), 3_041_976, 0, 0, 0);

  @Test
  void thePlansFortyPercentFlatRateAppliesToTheRealisedDirectStaffCosts() {
    // 12 345,67 € of staff costs realised: 40 % is 4 938,268 €, i.e. 4 938,27 €; total 17 283,94 €; FSE+ 60 % 10 370,364 €.
    JsonObject json = new RealisedCosts(2026, 1_234_567, 0, 0, 0, 0, 1).toJson(FORTY_PERCENT);
    assertEquals(493_827, json.getLong("remainingCents"));
    assertEquals(1_728_394, json.getLong("totalCents"));
    assertEquals(1_037_036, json.getLong("fseCents"));
    assertEquals(7_604_940, json.getLong("plannedTotalCents"));
  }

  @Test
  void realOtherCostsAreIgnoredUnderTheFortyPercentFlatRateButCountUnderRealCosts() {
    RealisedCosts realised = new RealisedCosts(2026, 100_000, 20_000, 5_000, 0, 0, 1);
    assertEquals(140_000, realised.under(FORTY_PERCENT).totalCents());
    FinancingPlan real = new FinancingPlan(CostOption.REAL_COSTS, null, 0, 0, 0, null, null, null, new BigDecimal("50"),
        0, 0, 0, 0);
    assertEquals(125_000, realised.under(real).totalCents());
    assertEquals(62_500, realised.under(real).fseCents());
  }

  @Test
  void realisedUnitsArePaidAtThePlansUnitCost() {
    FinancingPlan units = new FinancingPlan(CostOption.UNIT_COSTS, null, 0, 0, 0, 45_050L, 100, null,
        new BigDecimal("55.5"), 0, 0, 0, 0);
    FinancingPlan realised = new RealisedCosts(2027, 0, 0, 0, 37, 0, 1).under(units);
    assertEquals(1_666_850, realised.totalCents());
    assertEquals(925_102, realised.fseCents(), "55,5 % of 16 668,50 € is 9 251,0175 €");
  }
}
