package fr.pacte.server.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A project's budget, year by year, in integer cents: what the applicant types (direct costs, indirect costs,
 * co-funding, the amount asked from the Département) and what follows from it, computed and never typed: totals, the
 * share of indirect costs and the amount the Département may fund.
 *
 * <p>The rule of seed 002 (§III.B, criterion 4): "les frais de fonctionnement indirects (loyers, fluide, impression,
 * fonctions supports…) ne seront pas pris en charge au-delà de 20 %" of the project's total cost. Each year, the
 * indirect costs above the cap (the cap being {@code capPercent} of that year's total, rounded down to the cent) are
 * not funded; the Département funds at most what is left of the eligible cost once the co-funders' money is counted,
 * and never more than what was asked:
 * <pre>
 *   eligible  = total − max(0, indirect − ⌊total × cap / 100⌋)
 *   fundable  = max(0, min(asked, eligible − co-funding))
 * </pre>
 * Without a cap (a call that sets none), all indirect costs are eligible.
 *
 * @param years      one line per year of the project (3 in the Somme's call)
 * @param capPercent the call's cap on indirect costs, as a percentage of the total; null for none
 */
public record Budget(List<Year> years, Integer capPercent) {

  public Budget {
    years = List.copyOf(years);
  }

  /** Whether a co-funder's money is already granted or only asked for. */
  public enum Status implements fr.pacte.server.text.Coded {
    REQUESTED("requested", "Sollicité"),
    OBTAINED("obtained", "Obtenu");

    private final String code;
    private final String label;

    Status(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static Status of(String code) {
      return fr.pacte.server.text.Coded.find(Status.class, code).orElse(null);
    }
  }

  /** Another funder of the project for one year. */
  public record Cofunding(String funder, long amountCents, Status status) {

    JsonObject toJson() {
      return new JsonObject().put("funder", funder).put("amountCents", amountCents)
          .put("status", status == null ? null : status.code());
    }
  }

  /**
   * One year of the project as the applicant types it.
   *
   * @param year           1, 2 or 3: the year of the convention
   * @param staffCents     direct costs: staff
   * @param servicesCents  direct costs: services bought
   * @param purchasesCents direct costs: purchases
   * @param rentCents      indirect costs: rent
   * @param utilitiesCents indirect costs: utilities (fluides)
   * @param printingCents  indirect costs: printing
   * @param supportCents   indirect costs: support functions
   * @param cofunding      the other funders
   * @param requestedCents the amount asked from the Département
   */
  public record Year(int year, long staffCents, long servicesCents, long purchasesCents, long rentCents,
                     long utilitiesCents, long printingCents, long supportCents, List<Cofunding> cofunding,
                     long requestedCents) {

    public Year {
      cofunding = List.copyOf(cofunding);
    }

    public static Year empty(int year) {
      return new Year(year, 0, 0, 0, 0, 0, 0, 0, List.of(), 0);
    }

    public long directCents() {
      return staffCents + servicesCents + purchasesCents;
    }

    public long indirectCents() {
      return rentCents + utilitiesCents + printingCents + supportCents;
    }

    public long totalCents() {
      return directCents() + indirectCents();
    }

    public long cofundingCents() {
      return cofunding.stream().mapToLong(Cofunding::amountCents).sum();
    }

    public long obtainedCofundingCents() {
      return cofunding.stream().filter(c -> c.status() == Status.OBTAINED).mapToLong(Cofunding::amountCents).sum();
    }

    /** The most indirect costs that may be funded this year: the cap's share of the total, rounded down. */
    public long indirectCapCents(Integer capPercent) {
      return capPercent == null ? indirectCents()
          : BigDecimal.valueOf(totalCents()).multiply(BigDecimal.valueOf(capPercent))
              .divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN).longValueExact();
    }

    /** Indirect costs above the cap: not funded. */
    public long unfundedIndirectCents(Integer capPercent) {
      return Math.max(0, indirectCents() - indirectCapCents(capPercent));
    }

    public long eligibleCents(Integer capPercent) {
      return totalCents() - unfundedIndirectCents(capPercent);
    }

    /** What the Département may fund this year: the eligible cost less co-funding, at most the amount asked. */
    public long fundableCents(Integer capPercent) {
      return Math.max(0, Math.min(requestedCents, eligibleCents(capPercent) - cofundingCents()));
    }

    /** Whether the resources (co-funding and the amount asked) cover exactly the total cost. */
    public boolean balanced() {
      return totalCents() == cofundingCents() + requestedCents;
    }

    /** Nothing typed for this year. */
    public boolean blank() {
      return totalCents() == 0 && requestedCents == 0 && cofunding.isEmpty();
    }

    JsonObject toJson(Integer capPercent) {
      return new JsonObject().put("year", year)
          .put("direct", new JsonObject().put("staffCents", staffCents).put("servicesCents", servicesCents)
              .put("purchasesCents", purchasesCents))
          .put("indirect", new JsonObject().put("rentCents", rentCents).put("utilitiesCents", utilitiesCents)
              .put("printingCents", printingCents).put("supportCents", supportCents))
          .put("cofunding", new JsonArray(cofunding.stream().map(Cofunding::toJson).toList()))
          .put("requestedCents", requestedCents)
          .put("computed", new JsonObject().put("directCents", directCents()).put("indirectCents", indirectCents())
              .put("totalCents", totalCents()).put("indirectPercent", percent(indirectCents(), totalCents()))
              .put("cofundingCents", cofundingCents()).put("indirectCapCents", indirectCapCents(capPercent))
              .put("unfundedIndirectCents", unfundedIndirectCents(capPercent))
              .put("eligibleCents", eligibleCents(capPercent)).put("fundableCents", fundableCents(capPercent))
              .put("balanced", balanced()));
    }
  }

  public long directCents() {
    return years.stream().mapToLong(Year::directCents).sum();
  }

  public long indirectCents() {
    return years.stream().mapToLong(Year::indirectCents).sum();
  }

  public long totalCents() {
    return years.stream().mapToLong(Year::totalCents).sum();
  }

  public long cofundingCents() {
    return years.stream().mapToLong(Year::cofundingCents).sum();
  }

  public long requestedCents() {
    return years.stream().mapToLong(Year::requestedCents).sum();
  }

  public long unfundedIndirectCents() {
    return years.stream().mapToLong(year -> year.unfundedIndirectCents(capPercent)).sum();
  }

  /** The sum of each year's fundable amount: the cap applies year by year. */
  public long fundableCents() {
    return years.stream().mapToLong(year -> year.fundableCents(capPercent)).sum();
  }

  /** The share of indirect costs in the total over all years, in percent with two decimals (null without costs). */
  public BigDecimal indirectPercent() {
    return percent(indirectCents(), totalCents());
  }

  /** Whether the indirect costs of some year go beyond the cap. */
  public boolean aboveCap() {
    return unfundedIndirectCents() > 0;
  }

  static BigDecimal percent(long part, long whole) {
    return whole == 0 ? null : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
        .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
  }

  public JsonObject toJson() {
    return new JsonObject().put("capPercent", capPercent)
        .put("years", new JsonArray(years.stream().map(year -> year.toJson(capPercent)).toList()))
        .put("totals", new JsonObject().put("directCents", directCents()).put("indirectCents", indirectCents())
            .put("totalCents", totalCents()).put("indirectPercent", indirectPercent())
            .put("cofundingCents", cofundingCents()).put("requestedCents", requestedCents())
            .put("unfundedIndirectCents", unfundedIndirectCents()).put("fundableCents", fundableCents()));
  }

  /** The stored form: what the applicant typed only. */
  public JsonArray toStored() {
    return new JsonArray(years.stream().map(year -> {
      JsonObject json = year.toJson(capPercent);
      json.remove("computed");
      return json;
    }).toList());
  }

  /** Reads the stored form back (amounts already checked when saved). */
  public static Budget fromStored(JsonArray stored, Integer capPercent) {
    return new Budget(stored.stream().map(JsonObject.class::cast).map(Budget::yearOf).toList(), capPercent);
  }

  private static Year yearOf(JsonObject json) {
    JsonObject direct = json.getJsonObject("direct", new JsonObject());
    JsonObject indirect = json.getJsonObject("indirect", new JsonObject());
    List<Cofunding> cofunding = json.getJsonArray("cofunding", new JsonArray()).stream().map(JsonObject.class::cast)
        .map(c -> new Cofunding(c.getString("funder"), c.getLong("amountCents", 0L), Status.of(c.getString("status"))))
        .toList();
    return new Year(json.getInteger("year"), direct.getLong("staffCents", 0L), direct.getLong("servicesCents", 0L),
        direct.getLong("purchasesCents", 0L), indirect.getLong("rentCents", 0L), indirect.getLong("utilitiesCents", 0L),
        indirect.getLong("printingCents", 0L), indirect.getLong("supportCents", 0L), cofunding,
        json.getLong("requestedCents", 0L));
  }
}
