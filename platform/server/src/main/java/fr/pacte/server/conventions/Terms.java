package fr.pacte.server.conventions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What a convention d'objectifs et de moyens says: its parties and signatories, its period, the yearly objectives
 * per territory in the action type's unit, the means, the evaluation and renewal procedures, the payment terms and,
 * per year, the budget with its co-funders. Amendments replace these terms from a date; each keeps the terms before
 * and after it, so the text in force at any date can be read back.
 *
 * @param organisation the signing organisation, the lead of a groupement when {@code members} is not empty
 * @param members      the other organisations of the groupement
 * @param unit         the action type's capacity unit ({@code PEOPLE_IN_FILE_ACTIVE}, {@code WORKSHOPS_PER_YEAR})
 * @param callId       the call, for a convention made from a selected project ({@code applicationId} and {@code lot}
 *                     name the project); null for a convention entered directly
 */
public record Terms(String reference, String title, String actionType, String organisation, List<String> members,
                    Party departement, List<Signatory> signatories, LocalDate periodStart, LocalDate periodEnd,
                    String unit, List<Objective> objectives, Means means, String evaluation, String renewal,
                    PaymentTerms payment, int indirectCostCapPercent, List<Year> years, Decision decision,
                    boolean notificationUe, UUID offerId, UUID callId, UUID applicationId, String lot) {

  public Terms {
    members = List.copyOf(members);
    signatories = List.copyOf(signatories);
    objectives = List.copyOf(objectives);
    years = List.copyOf(years);
  }

  /** The Département as a party: its name and SIRET (the open-data file's attribuant). */
  public record Party(String name, String siret) {

    JsonObject toJson() {
      return new JsonObject().put("name", name).put("siret", siret);
    }
  }

  /** Who signs for a party ({@code departement} or an organisation's id), with their capacity. */
  public record Signatory(String party, String name, String capacity) {

    JsonObject toJson() {
      return new JsonObject().put("party", party).put("name", name).put("capacity", capacity);
    }
  }

  /** The objective of one year on one territory, in the convention's unit. */
  public record Objective(int year, String territory, int target) {

    JsonObject toJson() {
      return new JsonObject().put("year", year).put("territory", territory).put("target", target);
    }
  }

  /** The means the organisation commits: staff in full-time equivalents, places, schedule, and the rest in words. */
  public record Means(BigDecimal staffFte, Integer places, String schedule, String description) {

    JsonObject toJson() {
      return new JsonObject().put("staffFte", staffFte == null ? null : staffFte.toPlainString()).put("places", places)
          .put("schedule", schedule).put("description", description);
    }
  }

  /**
   * How the Département pays a voted tranche: an advance (a percentage, at the start of the year or at signature)
   * and the balance a number of months after the year's end, once its bilan is received.
   */
  public record PaymentTerms(int advancePercent, int balanceMonthsAfterYear, String text) {

    JsonObject toJson() {
      return new JsonObject().put("advancePercent", advancePercent).put("balanceMonthsAfterYear", balanceMonthsAfterYear)
          .put("text", text);
    }
  }

  /** One year's budget: direct and indirect costs, the Département's amount and the co-funders. */
  public record Year(int year, long directCents, long indirectCents, long departementCents, List<CoFunding> coFunders) {

    public Year {
      coFunders = List.copyOf(coFunders);
    }

    public long totalCents() {
      return directCents + indirectCents;
    }

    public long coFundingCents() {
      return coFunders.stream().mapToLong(CoFunding::amountCents).sum();
    }

    JsonObject toJson() {
      return new JsonObject().put("year", year).put("directCents", directCents).put("indirectCents", indirectCents)
          .put("departementCents", departementCents)
          .put("coFunders", new JsonArray(coFunders.stream().map(CoFunding::toJson).toList()));
    }

    Year withDepartement(long cents) {
      return new Year(year, directCents, indirectCents, cents, coFunders);
    }
  }

  /** A co-funder of a year: FSE+, État, France Travail, a commune or EPCI, or another, with its amount and status. */
  public record CoFunding(String kind, String name, long amountCents, String status) {

    public static final List<String> KINDS = List.of("fse-plus", "etat", "france-travail", "commune-epci", "autre");
    public static final List<String> STATUSES = List.of("requested", "granted", "refused");

    public String kindLabel() {
      return switch (kind) {
        case "fse-plus" -> "FSE+";
        case "etat" -> "État";
        case "france-travail" -> "France Travail";
        case "commune-epci" -> "Commune ou EPCI";
        default -> "Autre financeur";
      };
    }

    public String statusLabel() {
      return switch (status) {
        case "granted" -> "Accordé";
        case "refused" -> "Refusé";
        default -> "Demandé";
      };
    }

    JsonObject toJson() {
      return new JsonObject().put("kind", kind).put("name", name).put("amountCents", amountCents).put("status", status);
    }
  }

  /** The deliberation that attributes the subsidy (and makes year 1 firm): its date and reference. */
  public record Decision(LocalDate date, String reference) {

    JsonObject toJson() {
      return new JsonObject().put("date", date == null ? null : date.toString()).put("reference", reference);
    }
  }

  /** The territories its objectives name, in their order. */
  public List<String> territories() {
    Set<String> codes = new LinkedHashSet<>();
    objectives.forEach(o -> codes.add(o.territory()));
    return List.copyOf(codes);
  }

  public Year year(int number) {
    return years.stream().filter(y -> y.year() == number).findFirst().orElse(null);
  }

  /** The objective of a year on a territory (0 when none). */
  public int objective(int year, String territory) {
    return objectives.stream().filter(o -> o.year() == year && o.territory().equals(territory))
        .mapToInt(Objective::target).sum();
  }

  /** The first and last day of a year of the convention: years run from the start date, the last one ends with it. */
  public LocalDate yearStart(int year) {
    return periodStart.plusYears(year - 1L);
  }

  public LocalDate yearEnd(int year) {
    LocalDate end = periodStart.plusYears(year).minusDays(1);
    return end.isAfter(periodEnd) ? periodEnd : end;
  }

  /** How many years the period counts: 3 for 1 January 2026 – 31 December 2028, a started year counting as one. */
  public static int yearsIn(LocalDate start, LocalDate end) {
    int years = 0;
    while (!start.plusYears(years).isAfter(end)) {
      years++;
    }
    return Math.max(years, 1);
  }

  /** The year of the convention a date falls in, or 0 outside the period. */
  public int yearOf(LocalDate day) {
    if (day.isBefore(periodStart) || day.isAfter(periodEnd)) {
      return 0;
    }
    for (int y = 1; y <= years.size(); y++) {
      if (!day.isAfter(yearEnd(y))) {
        return y;
      }
    }
    return years.size();
  }

  /** The Département's planned amount over all years, in cents. */
  public long departementTotalCents() {
    return years.stream().mapToLong(Year::departementCents).sum();
  }

  Terms withYears(List<Year> changed) {
    return new Terms(reference, title, actionType, organisation, members, departement, signatories, periodStart, periodEnd,
        unit, objectives, means, evaluation, renewal, payment, indirectCostCapPercent, changed, decision, notificationUe,
        offerId, callId, applicationId, lot);
  }

  Terms withObjectives(List<Objective> changed) {
    return new Terms(reference, title, actionType, organisation, members, departement, signatories, periodStart, periodEnd,
        unit, changed, means, evaluation, renewal, payment, indirectCostCapPercent, years, decision, notificationUe,
        offerId, callId, applicationId, lot);
  }

  Terms withPeriodEnd(LocalDate end) {
    int count = yearsIn(periodStart, end);
    List<Year> kept = new ArrayList<>();
    for (int y = 1; y <= count; y++) {
      Year existing = year(y);
      kept.add(existing != null ? existing : new Year(y, 0, 0, 0, List.of()));
    }
    return new Terms(reference, title, actionType, organisation, members, departement, signatories, periodStart, end,
        unit, objectives.stream().filter(o -> o.year() <= count).toList(), means, evaluation, renewal, payment,
        indirectCostCapPercent, kept, decision, notificationUe, offerId, callId, applicationId, lot);
  }

  public JsonObject toJson() {
    return new JsonObject().put("reference", reference).put("title", title).put("actionType", actionType)
        .put("organisation", organisation).put("members", new JsonArray(members))
        .put("departement", departement.toJson())
        .put("signatories", new JsonArray(signatories.stream().map(Signatory::toJson).toList()))
        .put("periodStart", periodStart.toString()).put("periodEnd", periodEnd.toString()).put("unit", unit)
        .put("objectives", new JsonArray(objectives.stream().map(Objective::toJson).toList()))
        .put("means", means.toJson()).put("evaluation", evaluation).put("renewal", renewal)
        .put("payment", payment.toJson()).put("indirectCostCapPercent", indirectCostCapPercent)
        .put("years", new JsonArray(years.stream().map(Year::toJson).toList()))
        .put("decision", decision.toJson()).put("notificationUE", notificationUe)
        .put("offerId", offerId == null ? null : offerId.toString())
        .put("callId", callId == null ? null : callId.toString())
        .put("applicationId", applicationId == null ? null : applicationId.toString()).put("lot", lot);
  }

  /** Reads terms this class wrote (the database's JSON); input from users goes through {@link ConventionInput}. */
  public static Terms fromJson(JsonObject json) {
    JsonObject means = json.getJsonObject("means", new JsonObject());
    JsonObject payment = json.getJsonObject("payment", new JsonObject());
    JsonObject decision = json.getJsonObject("decision", new JsonObject());
    JsonObject departement = json.getJsonObject("departement", new JsonObject());
    List<Signatory> signatories = new ArrayList<>();
    json.getJsonArray("signatories", new JsonArray()).forEach(s -> {
      JsonObject o = (JsonObject) s;
      signatories.add(new Signatory(o.getString("party"), o.getString("name"), o.getString("capacity")));
    });
    List<Objective> objectives = new ArrayList<>();
    json.getJsonArray("objectives", new JsonArray()).forEach(s -> {
      JsonObject o = (JsonObject) s;
      objectives.add(new Objective(o.getInteger("year"), o.getString("territory"), o.getInteger("target")));
    });
    List<Year> years = new ArrayList<>();
    json.getJsonArray("years", new JsonArray()).forEach(s -> {
      JsonObject o = (JsonObject) s;
      List<CoFunding> coFunders = new ArrayList<>();
      o.getJsonArray("coFunders", new JsonArray()).forEach(c -> {
        JsonObject f = (JsonObject) c;
        coFunders.add(new CoFunding(f.getString("kind"), f.getString("name"), f.getLong("amountCents"), f.getString("status")));
      });
      years.add(new Year(o.getInteger("year"), o.getLong("directCents"), o.getLong("indirectCents"),
          o.getLong("departementCents"), coFunders));
    });
    List<String> members = new ArrayList<>();
    json.getJsonArray("members", new JsonArray()).forEach(m -> members.add((String) m));
    return new Terms(json.getString("reference"), json.getString("title"), json.getString("actionType"),
        json.getString("organisation"), members,
        new Party(departement.getString("name"), departement.getString("siret")), signatories,
        LocalDate.parse(json.getString("periodStart")), LocalDate.parse(json.getString("periodEnd")), json.getString("unit"),
        objectives, new Means(means.getString("staffFte") == null ? null : new BigDecimal(means.getString("staffFte")),
            means.getInteger("places"), means.getString("schedule"), means.getString("description")),
        json.getString("evaluation"), json.getString("renewal"),
        new PaymentTerms(payment.getInteger("advancePercent", 50), payment.getInteger("balanceMonthsAfterYear", 3),
            payment.getString("text")),
        json.getInteger("indirectCostCapPercent", 20), years,
        new Decision(decision.getString("date") == null ? null : LocalDate.parse(decision.getString("date")),
            decision.getString("reference")),
        json.getBoolean("notificationUE", false), uuid(json.getString("offerId")), uuid(json.getString("callId")),
        uuid(json.getString("applicationId")), json.getString("lot"));
  }

  private static UUID uuid(String text) {
    return text == null ? null : UUID.fromString(text);
  }
}
