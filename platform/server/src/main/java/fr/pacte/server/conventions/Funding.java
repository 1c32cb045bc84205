package fr.pacte.server.conventions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * The money of a convention, in whole cents and nothing else: the indirect-cost rule, the balance of a year's
 * budget, and what is committed, voted, paid and still due. Rounding always goes down to the cent, so that a
 * computed amount never exceeds what was decided.
 */
public final class Funding {

  private Funding() {
  }

  /**
   * The share of the indirect costs that may be funded: at most {@code capPercent} % of the total budget (seed 002:
   * indirect costs above 20 % of the total are not funded). For 80 000 € direct and 25 000 € indirect, the total is
   * 105 000 €, the cap 21 000 €, and 4 000 € of indirect costs are not eligible.
   */
  public static long indirectCapCents(long totalCents, int capPercent) {
    return BigDecimal.valueOf(totalCents).multiply(BigDecimal.valueOf(capPercent))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).longValueExact();
  }

  /** The indirect costs above the cap, which nobody funds through this convention. */
  public static long nonEligibleCents(Terms.Year year, int capPercent) {
    return Math.max(0, year.indirectCents() - indirectCapCents(year.totalCents(), capPercent));
  }

  /** The eligible cost: the total less the indirect costs above the cap. */
  public static long eligibleCents(Terms.Year year, int capPercent) {
    return year.totalCents() - nonEligibleCents(year, capPercent);
  }

  /**
   * What the year's resources lack to cover its eligible cost (positive), or exceed it by (negative): the
   * Département's amount and the co-funders together must equal the eligible cost.
   */
  public static long imbalanceCents(Terms.Year year, int capPercent) {
    return eligibleCents(year, capPercent) - year.departementCents() - year.coFundingCents();
  }

  /** The advance of a voted tranche: {@code percent} % of it, rounded down to the cent. */
  public static long advanceCents(long votedCents, int percent) {
    return BigDecimal.valueOf(votedCents).multiply(BigDecimal.valueOf(percent))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).longValueExact();
  }

  /** The Département's share of the year's eligible cost, as a decimal with 4 places (0.7500 for three quarters). */
  public static BigDecimal share(long partCents, long wholeCents) {
    return wholeCents == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(partCents)
        .divide(BigDecimal.valueOf(wholeCents), 4, RoundingMode.DOWN);
  }

  /** A payment due by the schedule: the advance, then the balance after the year's bilan. */
  public record Due(int year, String kind, LocalDate dueOn, long amountCents) {
  }

  /**
   * The figures of one year: committed (the Département's amount the terms plan, nothing once not renewed), voted
   * (firm), provisional (committed but not yet voted), paid and still due (voted less paid).
   */
  public record YearFigures(int year, LocalDate start, LocalDate end, String trancheStatus, long budgetCents,
                            long eligibleCents, long nonEligibleCents, long coFundingCents, long committedCents,
                            long votedCents, long provisionalCents, long paidCents, long dueCents, List<Due> schedule) {
  }

  /** The year's figures from its terms, its tranche and the payments made on it. */
  public static YearFigures figures(Terms terms, Tranche tranche, List<Payment> payments, LocalDate signedOn) {
    int number = tranche.year();
    Terms.Year year = terms.year(number);
    long committed = tranche.notRenewed() || year == null ? 0 : year.departementCents();
    long voted = tranche.voted() ? tranche.votedCents() : 0;
    long provisional = tranche.provisional() ? committed : 0;
    long paid = payments.stream().filter(p -> p.year() == number).mapToLong(Payment::amountCents).sum();
    LocalDate start = terms.yearStart(number);
    LocalDate end = terms.yearEnd(number);
    List<Due> schedule = List.of();
    long scheduled = tranche.voted() ? voted : provisional;
    if (scheduled > 0) {
      long advance = advanceCents(scheduled, terms.payment().advancePercent());
      LocalDate advanceOn = signedOn != null && signedOn.isAfter(start) ? signedOn : start;
      schedule = advance == 0 ? List.of(new Due(number, "balance", end.plusMonths(terms.payment().balanceMonthsAfterYear()), scheduled))
          : List.of(new Due(number, "advance", advanceOn, advance),
              new Due(number, "balance", end.plusMonths(terms.payment().balanceMonthsAfterYear()), scheduled - advance));
    }
    int cap = terms.indirectCostCapPercent();
    return new YearFigures(number, start, end, tranche.status(), year == null ? 0 : year.totalCents(),
        year == null ? 0 : eligibleCents(year, cap), year == null ? 0 : nonEligibleCents(year, cap),
        year == null ? 0 : year.coFundingCents(), committed, voted, provisional, paid, voted - paid, schedule);
  }
}
