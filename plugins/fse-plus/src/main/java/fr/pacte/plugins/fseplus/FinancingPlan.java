package fr.pacte.plugins.fseplus;

import fr.pacte.api.FieldError;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The financing plan of an FSE+ operation: eligible costs under one of the simplified cost options of Regulation (EU)
 * 2021/1060 (articles 53 to 56), and the resources that must balance them. Money is in euro cents; percentages are
 * exact decimals; a computed amount is rounded to the cent, half up.
 *
 * <ul>
 *   <li>{@code real-costs}: direct staff costs, other direct costs and indirect costs as declared;</li>
 *   <li>{@code indirect-flat-rate}: indirect costs = up to 15 % of direct staff costs (article 54 b);</li>
 *   <li>{@code remaining-flat-rate}: all other costs = up to 40 % of direct staff costs (article 56);</li>
 *   <li>{@code unit-costs}: a unit cost times a number of units (article 53 1 b);</li>
 *   <li>{@code lump-sum}: one amount (article 53 1 c).</li>
 * </ul>
 */
record FinancingPlan(CostOption option, BigDecimal flatRatePercent, long staffCents, long otherDirectCents,
                     long indirectCents, Long unitCostCents, Integer units, Long lumpSumCents, BigDecimal fseRatePercent,
                     long departementCents, long etatCents, long otherPublicCents, long privateCents) {

  static final BigDecimal INDIRECT_CAP = new BigDecimal("15");
  static final BigDecimal REMAINING_CAP = new BigDecimal("40");
  private static final BigDecimal HUNDRED = new BigDecimal("100");

  enum CostOption {
    REAL_COSTS("real-costs", "Coûts réels"),
    INDIRECT_FLAT_RATE("indirect-flat-rate", "Taux forfaitaire de 15 % maximum des frais de personnel directs pour les coûts indirects"),
    REMAINING_FLAT_RATE("remaining-flat-rate", "Taux forfaitaire de 40 % maximum des frais de personnel directs pour les autres coûts"),
    UNIT_COSTS("unit-costs", "Coûts unitaires"),
    LUMP_SUM("lump-sum", "Montant forfaitaire");

    final String code;
    final String label;

    CostOption(String code, String label) {
      this.code = code;
      this.label = label;
    }

    static CostOption of(String code) {
      for (CostOption option : values()) {
        if (option.code.equals(code)) {
          return option;
        }
      }
      return null;
    }
  }

  static FinancingPlan empty() {
    return new FinancingPlan(CostOption.REAL_COSTS, null, 0, 0, 0, null, null, null, BigDecimal.ZERO, 0, 0, 0, 0);
  }

  /** The indirect costs: declared, or the flat rate of the staff costs. */
  long computedIndirectCents() {
    return switch (option) {
      case REAL_COSTS -> indirectCents;
      case INDIRECT_FLAT_RATE -> percentOf(staffCents, flatRatePercent);
      default -> 0;
    };
  }

  /** The costs other than staff costs covered by the 40 % flat rate. */
  long remainingCents() {
    return option == CostOption.REMAINING_FLAT_RATE ? percentOf(staffCents, flatRatePercent) : 0;
  }

  /** Total eligible costs of the plan. */
  long totalCents() {
    return switch (option) {
      case REAL_COSTS, INDIRECT_FLAT_RATE -> staffCents + otherDirectCents + computedIndirectCents();
      case REMAINING_FLAT_RATE -> staffCents + remainingCents();
      case UNIT_COSTS -> unitCostCents == null || units == null ? 0 : unitCostCents * units;
      case LUMP_SUM -> lumpSumCents == null ? 0 : lumpSumCents;
    };
  }

  /** The FSE+ amount: the co-funding rate of the total eligible costs. */
  long fseCents() {
    return percentOf(totalCents(), fseRatePercent);
  }

  long resourcesCents() {
    return fseCents() + departementCents + etatCents + otherPublicCents + privateCents;
  }

  boolean balanced() {
    return resourcesCents() == totalCents();
  }

  /** What is wrong with the plan, by field; empty when it can be saved. */
  List<FieldError> errors() {
    List<FieldError> errors = new ArrayList<>();
    switch (option) {
      case INDIRECT_FLAT_RATE -> rate(errors, INDIRECT_CAP);
      case REMAINING_FLAT_RATE -> {
        rate(errors, REMAINING_CAP);
        if (otherDirectCents != 0 || indirectCents != 0) {
          errors.add(new FieldError("otherDirectCents", "Avec le taux forfaitaire de 40 %, les autres coûts directs et les "
              + "coûts indirects sont couverts par le taux : ne les déclarez pas."));
        }
      }
      case UNIT_COSTS -> {
        if (unitCostCents == null || unitCostCents <= 0) {
          errors.add(new FieldError("unitCostCents", "Indiquez le coût unitaire (en centimes, supérieur à zéro)."));
        }
        if (units == null || units <= 0) {
          errors.add(new FieldError("units", "Indiquez le nombre d'unités (supérieur à zéro)."));
        }
      }
      case LUMP_SUM -> {
        if (lumpSumCents == null || lumpSumCents <= 0) {
          errors.add(new FieldError("lumpSumCents", "Indiquez le montant forfaitaire (en centimes, supérieur à zéro)."));
        }
      }
      default -> {
      }
    }
    if (fseRatePercent == null || fseRatePercent.signum() < 0 || fseRatePercent.compareTo(HUNDRED) > 0) {
      errors.add(new FieldError("fseRatePercent", "Le taux de cofinancement FSE+ est un pourcentage entre 0 et 100."));
    } else if (errors.isEmpty() && !balanced()) {
      errors.add(new FieldError("resources", "Le plan n'est pas équilibré : ressources " + Money.euros(resourcesCents())
          + " pour des dépenses éligibles de " + Money.euros(totalCents()) + "."));
    }
    return errors;
  }

  private void rate(List<FieldError> errors, BigDecimal cap) {
    if (flatRatePercent == null || flatRatePercent.signum() <= 0 || flatRatePercent.compareTo(cap) > 0) {
      errors.add(new FieldError("flatRatePercent", "Le taux forfaitaire est compris entre 0 et " + cap.toPlainString()
          + " % des frais de personnel directs."));
    }
  }

  static long percentOf(long cents, BigDecimal percent) {
    if (percent == null) {
      return 0;
    }
    return BigDecimal.valueOf(cents).multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("costOption", option.code)
        .put("costOptionLabel", option.label)
        .put("flatRatePercent", flatRatePercent == null ? null : flatRatePercent.stripTrailingZeros().toPlainString())
        .put("staffCents", staffCents)
        .put("otherDirectCents", otherDirectCents)
        .put("indirectCents", computedIndirectCents())
        .put("remainingCents", remainingCents())
        .put("unitCostCents", unitCostCents)
        .put("units", units)
        .put("lumpSumCents", lumpSumCents)
        .put("totalCents", totalCents())
        .put("fseRatePercent", fseRatePercent == null ? null : fseRatePercent.stripTrailingZeros().toPlainString())
        .put("fseCents", fseCents())
        .put("departementCents", departementCents)
        .put("etatCents", etatCents)
        .put("otherPublicCents", otherPublicCents)
        .put("privateCents", privateCents)
        .put("resourcesCents", resourcesCents())
        .put("balanced", balanced());
  }
}
