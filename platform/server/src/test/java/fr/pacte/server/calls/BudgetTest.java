package fr.pacte.server.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.calls.Budget.Cofunding;
import fr.pacte.server.calls.Budget.Status;
import fr.pacte.server.calls.Budget.Year;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The budget of a project, with figures worked by hand (amounts in cents). The rule of seed 002: indirect costs
 * above 20 % of the total cost are not funded.
 */
class BudgetTest {

  /**
   * Year 1: direct 60 000 + 10 000 + 5 000 = 75 000 €; indirect 12 000 + 3 000 + 1 000 + 9 000 = 25 000 €; total
   * 100 000 €, 25 % indirect. The cap is 20 000 €, so 5 000 € are not funded: eligible 95 000 €. Co-funding 15 000 €
   * (Région obtained 10 000, commune requested 5 000), asked 85 000 €: balanced; fundable min(85 000, 95 000 − 15 000)
   * = 80 000 €.
   */
  private static final Year YEAR_1 = new Year(1, 6_000_000, 1_000_000, 500_000, 1_200_000, 300_000, 100_000, 900_000,
      List.of(new Cofunding("Région Hauts-de-France", 1_000_000, Status.OBTAINED),
          new Cofunding("Commune d'Abbeville", 500_000, Status.REQUESTED)), 8_500_000);
  /** Year 2: staff 50 000 €, rent 10 000 €; total 60 000 €, 16,67 % indirect, under the cap; asked 60 000 €. */
  private static final Year YEAR_2 = new Year(2, 5_000_000, 0, 0, 1_000_000, 0, 0, 0, List.of(), 6_000_000);
  /**
   * Year 3, the rounding: total 333,33 € (direct 266,66 €, indirect 66,67 €). 20 % of 33 333 cents is 6 666,6 cents,
   * rounded down to 6 666: one cent is not funded; asked 333,33 €, fundable 333,32 €.
   */
  private static final Year YEAR_3 = new Year(3, 26_666, 0, 0, 6_667, 0, 0, 0, List.of(), 33_333);

  @Test
  void aYearAboveTheCapHasItsIndirectCostsBeyondTwentyPercentOfTheTotalLeftUnfunded() {
    assertEquals(7_500_000, YEAR_1.directCents());
    assertEquals(2_500_000, YEAR_1.indirectCents());
    assertEquals(10_000_000, YEAR_1.totalCents());
    assertEquals(2_000_000, YEAR_1.indirectCapCents(20));
    assertEquals(500_000, YEAR_1.unfundedIndirectCents(20));
    assertEquals(9_500_000, YEAR_1.eligibleCents(20));
    assertEquals(1_500_000, YEAR_1.cofundingCents());
    assertEquals(1_000_000, YEAR_1.obtainedCofundingCents());
    assertTrue(YEAR_1.balanced());
    assertEquals(8_000_000, YEAR_1.fundableCents(20));
  }

  @Test
  void aYearUnderTheCapIsFundedAsAsked() {
    assertEquals(0, YEAR_2.unfundedIndirectCents(20));
    assertEquals(6_000_000, YEAR_2.fundableCents(20));
  }

  @Test
  void theCapIsRoundedDownToTheCentSoThatNoFractionOfACentIsFunded() {
    assertEquals(6_666, YEAR_3.indirectCapCents(20));
    assertEquals(1, YEAR_3.unfundedIndirectCents(20));
    assertEquals(33_332, YEAR_3.fundableCents(20));
  }

  @Test
  void theThreeYearsAddUpAndTheRuleAppliesYearByYear() {
    Budget budget = new Budget(List.of(YEAR_1, YEAR_2, YEAR_3), 20);
    assertEquals(12_526_666, budget.directCents());
    assertEquals(3_506_667, budget.indirectCents());
    assertEquals(16_033_333, budget.totalCents());
    assertEquals(14_533_333, budget.requestedCents());
    assertEquals(500_001, budget.unfundedIndirectCents());
    assertEquals(14_033_332, budget.fundableCents());
    assertEquals(new BigDecimal("21.87"), budget.indirectPercent(), "3 506 667 / 16 033 333 = 21,871 %");
    assertTrue(budget.aboveCap());
  }

  @Test
  void withoutACapEveryIndirectCostIsEligible() {
    assertEquals(8_500_000, YEAR_1.fundableCents(null), "min(85 000, 100 000 − 15 000)");
    assertFalse(new Budget(List.of(YEAR_1), null).aboveCap());
  }

  @Test
  void theDepartementNeverFundsMoreThanAskedNorWhatCoFundersAlreadyPay() {
    Year askingLittle = new Year(1, 1_000_000, 0, 0, 0, 0, 0, 0, List.of(), 400_000);
    assertEquals(400_000, askingLittle.fundableCents(20));
    assertFalse(askingLittle.balanced());
    Year overFunded = new Year(1, 1_000_000, 0, 0, 0, 0, 0, 0,
        List.of(new Cofunding("État", 1_200_000, Status.OBTAINED)), 100_000);
    assertEquals(0, overFunded.fundableCents(20));
  }

  @Test
  void anEmptyBudgetHasNoRatio() {
    Budget empty = new Budget(List.of(Year.empty(1)), 20);
    assertNull(empty.indirectPercent());
    assertEquals(0, empty.fundableCents());
  }

  @Test
  void theStoredFormKeepsWhatWasTypedAndReadsBackTheSame() {
    Budget budget = new Budget(List.of(YEAR_1, YEAR_2, YEAR_3), 20);
    assertEquals(budget, Budget.fromStored(budget.toStored(), 20));
    assertFalse(budget.toStored().getJsonObject(0).containsKey("computed"));
  }
}
