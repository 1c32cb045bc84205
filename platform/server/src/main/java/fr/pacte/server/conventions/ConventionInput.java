package fr.pacte.server.conventions;

import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads what the API and the pages send about conventions (the terms, a signature, a vote, a payment, an amendment,
 * a termination) and says in French what is wrong, field by field, with the fields named as in the JSON
 * ({@code years[1].departementCents}). Nothing is saved unless all of it is right.
 */
public final class ConventionInput {

  static final long MAX_CENTS = 10_000_000_000L;
  private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._/-]{0,79}");
  private static final Pattern SIRET = Pattern.compile("[0-9]{14}");
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

  private ConventionInput() {
  }

  /** A signature: the date the convention was signed. */
  public record Signature(LocalDate signedOn) {
  }

  /** A deliberation on a tranche: voted at an amount, or not renewed. */
  public record Vote(boolean renewed, Long votedCents, LocalDate deliberationDate, String deliberationReference) {
  }

  /** An amendment as sent: when, why, and the terms it puts in force. */
  public record AmendmentInput(LocalDate signedOn, LocalDate effectiveFrom, String object, Terms terms) {
  }

  /** A termination: the date and the reason. */
  public record Termination(LocalDate on, String reason) {
  }

  /**
   * The terms of a convention.
   *
   * @param actionTypes   the action types of the tenant's enabled plugins, with their capacity unit
   * @param territories   the tenant's territory codes
   * @param departement   the tenant's name, the Département's party when the body names none
   */
  public static Terms terms(JsonObject body, Map<String, String> actionTypes, Set<String> territories, String departement) {
    List<FieldError> errors = new ArrayList<>();
    Terms terms = read(Fields.of(body, "", errors), body == null ? new JsonObject() : body, actionTypes, territories,
        departement, errors);
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return terms;
  }

  private static Terms read(Fields f, JsonObject body, Map<String, String> actionTypes, Set<String> territories,
                            String departementName, List<FieldError> errors) {
    String reference = f.line("reference", 80);
    if (reference == null) {
      f.error("reference", "Indiquez la référence de la convention (par exemple « CD80-INS-2026-001 »).");
    } else if (!REFERENCE.matcher(reference).matches()) {
      f.error("reference", "Une référence s'écrit en lettres, chiffres, espaces, points, tirets et barres obliques.");
    }
    String title = f.line("title", 256);
    if (title == null || title.length() < 3) {
      f.error("title", "Indiquez l'objet de la convention (3 à 256 caractères).");
    }
    String actionType = f.line("actionType", 63);
    String unit = actionType == null ? null : actionTypes.get(actionType);
    if (actionType == null) {
      f.error("actionType", "Choisissez le type d'action financé.");
    } else if (unit == null) {
      f.error("actionType", "« " + actionType + " » n'est pas un type d'action d'un module activé pour ce département.");
    }
    String organisation = f.line("organisation", 80);
    if (organisation == null) {
      f.error("organisation", "Choisissez l'organisation signataire (le chef de file d'un groupement).");
    }
    List<String> members = f.lines("members", 20, 80);
    if (organisation != null && members.contains(organisation)) {
      f.error("members", "Le chef de file n'est pas aussi membre du groupement.");
    }
    Fields party = f.object("departement");
    String partyName = party.line("name", 200);
    String siret = party.line("siret", 14);
    if (siret != null && !SIRET.matcher(siret).matches()) {
      party.error("siret", "Un SIRET compte 14 chiffres.");
    }
    List<Terms.Signatory> signatories = new ArrayList<>();
    JsonArray signers = f.array("signatories", 20);
    for (int i = 0; i < signers.size(); i++) {
      Fields s = element(f, signers, i, "signatories");
      String partyCode = s.line("party", 80);
      String name = s.line("name", 200);
      String capacity = s.line("capacity", 200);
      if (partyCode == null || (!"departement".equals(partyCode) && !partyCode.equals(organisation) && !members.contains(partyCode))) {
        s.error("party", "Un signataire signe pour le Département (« departement ») ou pour une organisation partie à la convention.");
      }
      if (name == null) {
        s.error("name", "Indiquez le nom du signataire.");
      }
      if (capacity == null) {
        s.error("capacity", "Indiquez la qualité du signataire (par exemple « Président du Conseil départemental »).");
      }
      signatories.add(new Terms.Signatory(partyCode, name, capacity));
    }
    LocalDate start = date(f, body, "periodStart", true);
    LocalDate end = null;
    if (start != null) {
      end = body.getValue("periodEnd") == null ? start.plusYears(3).minusDays(1) : date(f, body, "periodEnd", true);
      if (end != null && end.isBefore(start)) {
        f.error("periodEnd", "La fin de la période ne peut précéder son début.");
        end = null;
      } else if (end != null && end.isAfter(start.plusYears(10))) {
        f.error("periodEnd", "Une convention dure au plus 10 ans.");
        end = null;
      }
    }
    int yearCount = start == null || end == null ? 0 : Terms.yearsIn(start, end);
    List<Terms.Objective> objectives = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    JsonArray objectiveArray = f.array("objectives", 200);
    for (int i = 0; i < objectiveArray.size(); i++) {
      Fields o = element(f, objectiveArray, i, "objectives");
      Integer year = o.integer("year", 1, 10);
      String territory = o.line("territory", 80);
      Integer target = o.integer("target", 0, 100_000);
      if (year == null) {
        o.error("year", "L'année de la convention (1, 2, 3…) à laquelle l'objectif s'applique.");
      } else if (yearCount > 0 && year > yearCount) {
        o.error("year", "La convention ne compte que " + yearCount + " année(s) : l'année " + year + " est en dehors de sa période.");
      }
      if (territory == null || !territories.contains(territory)) {
        o.error("territory", "« " + (territory == null ? "" : territory) + " » n'est pas un territoire de ce département.");
      }
      if (target == null) {
        o.error("target", "Indiquez l'objectif (un nombre entier positif).");
      }
      if (year != null && territory != null && !seen.add(year + "|" + territory)) {
        o.error("territory", "Deux objectifs pour l'année " + year + " sur ce territoire.");
      }
      if (year != null && territory != null && target != null) {
        objectives.add(new Terms.Objective(year, territory, target));
      }
    }
    Fields means = f.object("means");
    // A value of another type is already an error of f.object; read nothing more from it.
    BigDecimal fte = decimal(means, body.getValue("means") instanceof JsonObject given ? given.getValue("staffFte") : null,
        "staffFte");
    Integer places = means.integer("places", 0, 100_000);
    String schedule = means.text("schedule", 2000);
    String meansText = means.text("description", 10_000);
    String evaluation = f.text("evaluation", 10_000);
    String renewal = f.text("renewal", 10_000);
    Fields payment = f.object("payment");
    Integer advance = payment.integer("advancePercent", 0, 100);
    Integer balanceMonths = payment.integer("balanceMonthsAfterYear", 0, 24);
    String paymentText = payment.text("text", 2000);
    Integer cap = f.integer("indirectCostCapPercent", 0, 100);
    int capPercent = cap == null ? 20 : cap;
    List<Terms.Year> years = new ArrayList<>();
    JsonArray yearArray = f.array("years", 10);
    if (yearCount > 0 && yearArray.size() != yearCount) {
      f.error("years", "La période compte " + yearCount + " année(s) : donnez le budget de chacune (" + yearArray.size()
          + " reçue(s)).");
    }
    for (int i = 0; i < yearArray.size(); i++) {
      String at = "years[" + i + "]";
      Fields y = element(f, yearArray, i, "years");
      JsonObject raw = yearArray.getValue(i) instanceof JsonObject o ? o : new JsonObject();
      Long direct = cents(y, raw, "directCents", true);
      Long indirect = cents(y, raw, "indirectCents", true);
      Long dept = cents(y, raw, "departementCents", true);
      List<Terms.CoFunding> coFunders = new ArrayList<>();
      JsonArray funders = y.array("coFunders", 20);
      for (int j = 0; j < funders.size(); j++) {
        Fields c = element(y, funders, j, "coFunders");
        JsonObject rawFunder = funders.getValue(j) instanceof JsonObject o ? o : new JsonObject();
        String kind = c.line("kind", 40);
        if (kind == null || !Terms.CoFunding.KINDS.contains(kind)) {
          c.error("kind", "Un cofinanceur est « fse-plus », « etat », « france-travail », « commune-epci » ou « autre ».");
        }
        String name = c.line("name", 200);
        Long amount = cents(c, rawFunder, "amountCents", true);
        String status = c.line("status", 20);
        if (status == null) {
          status = "requested";
        } else if (!Terms.CoFunding.STATUSES.contains(status)) {
          c.error("status", "Le statut d'un cofinancement est « requested » (demandé), « granted » (accordé) ou « refused » (refusé).");
        }
        coFunders.add(new Terms.CoFunding(kind == null ? "autre" : kind, name == null ? "" : name,
            amount == null ? 0 : amount, status));
      }
      Terms.Year year = new Terms.Year(i + 1, direct == null ? 0 : direct, indirect == null ? 0 : indirect,
          dept == null ? 0 : dept, coFunders);
      if (direct != null && indirect != null && dept != null) {
        long eligible = Funding.eligibleCents(year, capPercent);
        long imbalance = Funding.imbalanceCents(year, capPercent);
        if (dept > eligible) {
          errors.add(new FieldError(at + ".departementCents", "Le montant du Département (" + Convention.euros(dept)
              + ") dépasse le coût éligible (" + Convention.euros(eligible) + ")."));
        } else if (imbalance != 0) {
          errors.add(new FieldError(at + ".departementCents", "Le plan de financement ne s'équilibre pas : le Département ("
              + Convention.euros(dept) + ") et les cofinanceurs (" + Convention.euros(year.coFundingCents())
              + ") doivent couvrir exactement le coût éligible (" + Convention.euros(eligible)
              + (Funding.nonEligibleCents(year, capPercent) > 0 ? ", frais indirects au-delà de " + capPercent
              + " % du total déduits" : "") + ")."));
        }
      }
      years.add(year);
    }
    Fields decision = f.object("decision");
    LocalDate decisionDate = date(decision, body.getValue("decision") instanceof JsonObject given ? given
        : new JsonObject(), "date", false);
    String decisionReference = decision.line("reference", 120);
    Boolean notification = f.bool("notificationUE");
    UUID offerId = uuid(f, body, "offerId");
    UUID callId = uuid(f, body, "callId");
    UUID applicationId = uuid(f, body, "applicationId");
    String lot = f.line("lot", 80);
    if (actionType != null && !CODE.matcher(actionType).matches()) {
      f.error("actionType", "Un type d'action s'écrit en minuscules, chiffres et tirets.");
    }
    return new Terms(reference, title, actionType, organisation, members,
        new Terms.Party(partyName == null ? departementName : partyName, siret), signatories,
        start == null ? LocalDate.EPOCH : start, end == null ? LocalDate.EPOCH : end, unit, objectives,
        new Terms.Means(fte, places, schedule, meansText), evaluation, renewal,
        new Terms.PaymentTerms(advance == null ? 50 : advance, balanceMonths == null ? 3 : balanceMonths, paymentText),
        capPercent, years, new Terms.Decision(decisionDate, decisionReference), Boolean.TRUE.equals(notification),
        offerId, callId, applicationId, lot);
  }

  /** Which selected project becomes a convention, under which reference (and optionally from which date). */
  public static ConventionService.FromDecision fromDecision(JsonObject body) {
    JsonObject json = body == null ? new JsonObject() : body;
    Fields f = Fields.of(json);
    UUID application = uuid(f, json, "application");
    if (application == null && !f.errors().stream().anyMatch(e -> e.field().equals("application"))) {
      f.error("application", "Indiquez la candidature dont le projet a été retenu.");
    }
    String lot = f.line("lot", 80);
    if (lot == null) {
      f.error("lot", "Indiquez le lot auquel répond le projet retenu.");
    }
    String reference = f.line("reference", 80);
    if (reference == null) {
      f.error("reference", "Indiquez la référence de la convention (par exemple « CD80-INS-2026-001 »).");
    } else if (!REFERENCE.matcher(reference).matches()) {
      f.error("reference", "Une référence s'écrit en lettres, chiffres, espaces, points, tirets et barres obliques.");
    }
    LocalDate start = date(f, json, "periodStart", false);
    String siret = f.line("departementSiret", 14);
    if (siret != null && !SIRET.matcher(siret).matches()) {
      f.error("departementSiret", "Un SIRET compte 14 chiffres.");
    }
    f.throwIfAny();
    return new ConventionService.FromDecision(application, lot, reference, start, siret);
  }

  public static Signature signature(JsonObject body) {
    Fields f = Fields.of(body);
    LocalDate on = date(f, body == null ? new JsonObject() : body, "signedOn", true);
    f.throwIfAny();
    return new Signature(on);
  }

  public static Vote vote(JsonObject body) {
    JsonObject json = body == null ? new JsonObject() : body;
    Fields f = Fields.of(json);
    String decision = f.line("decision", 20);
    boolean renewed = decision == null || "voted".equals(decision);
    if (decision != null && !decision.equals("voted") && !decision.equals("not-renewed")) {
      f.error("decision", "La délibération vote la tranche (« voted ») ou ne la reconduit pas (« not-renewed »).");
    }
    Long voted = renewed ? cents(f, json, "votedCents", true) : null;
    LocalDate date = date(f, json, "deliberationDate", true);
    String reference = f.line("deliberationReference", 80);
    if (reference == null) {
      f.error("deliberationReference", "Indiquez la référence de la délibération (par exemple « CP du 2 février 2027, n° 12 »).");
    }
    f.throwIfAny();
    return new Vote(renewed, voted, date, reference);
  }

  public static Payment payment(JsonObject body) {
    JsonObject json = body == null ? new JsonObject() : body;
    Fields f = Fields.of(json);
    Integer year = f.integer("year", 1, 10);
    if (year == null) {
      f.error("year", "Indiquez l'année de la convention sur laquelle le paiement est fait.");
    }
    String kind = f.line("kind", 20);
    if (kind == null || !Payment.KINDS.contains(kind)) {
      f.error("kind", "Un paiement est une avance (« advance »), un solde (« balance ») ou un acompte (« instalment »).");
    }
    LocalDate paidOn = date(f, json, "paidOn", true);
    Long amount = cents(f, json, "amountCents", true);
    if (amount != null && amount == 0) {
      f.error("amountCents", "Un paiement est d'un montant positif.");
    }
    String mandate = f.line("mandateReference", 80);
    if (mandate == null) {
      f.error("mandateReference", "Indiquez la référence du mandat de paiement.");
    }
    f.throwIfAny();
    return new Payment(null, year, kind, paidOn, amount, mandate);
  }

  public static AmendmentInput amendment(JsonObject body, Map<String, String> actionTypes, Set<String> territories,
                                         String departement) {
    JsonObject json = body == null ? new JsonObject() : body;
    List<FieldError> errors = new ArrayList<>();
    Fields f = Fields.of(json, "", errors);
    LocalDate signedOn = date(f, json, "signedOn", true);
    Object effective = json.getValue("effectiveFrom");
    LocalDate effectiveFrom = effective == null || (effective instanceof String blank && blank.isBlank()) ? signedOn
        : date(f, json, "effectiveFrom", true);
    String object = f.text("object", 2000);
    if (object == null) {
      f.error("object", "Dites ce que l'avenant change et pourquoi.");
    }
    JsonObject termsJson = json.getValue("terms") instanceof JsonObject o ? o : null;
    if (termsJson == null) {
      f.error("terms", "Donnez les termes de la convention tels que l'avenant les met en vigueur.");
    }
    Terms terms = termsJson == null ? null : read(Fields.of(termsJson, "terms.", errors), termsJson, actionTypes,
        territories, departement, errors);
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return new AmendmentInput(signedOn, effectiveFrom, object, terms);
  }

  public static Termination termination(JsonObject body) {
    JsonObject json = body == null ? new JsonObject() : body;
    Fields f = Fields.of(json);
    LocalDate on = date(f, json, "terminatedOn", true);
    String reason = f.text("reason", 2000);
    if (reason == null) {
      f.error("reason", "Indiquez le motif de la résiliation.");
    }
    f.throwIfAny();
    return new Termination(on, reason);
  }

  private static Fields element(Fields parent, JsonArray array, int i, String key) {
    Object value = array.getValue(i);
    if (!(value instanceof JsonObject)) {
      parent.error(key + "[" + i + "]", "Un objet JSON est attendu.");
    }
    return Fields.of(value instanceof JsonObject o ? o : new JsonObject(), parent.field(key) + "[" + i + "].",
        parent.errors());
  }

  static LocalDate date(Fields f, JsonObject json, String key, boolean required) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      if (required) {
        f.error(key, FrenchDates.DAY_REQUIRED);
      }
      return null;
    }
    if (value instanceof String text) {
      try {
        return FrenchDates.parseDay(text);
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    f.error(key, FrenchDates.TYPED_DAY_HINT);
    return null;
  }

  /** An amount in whole cents: a JSON integer, or the digits a form sends. */
  static Long cents(Fields f, JsonObject json, String key, boolean required) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      if (required) {
        f.error(key, "Indiquez le montant en centimes d'euro (un nombre entier).");
      }
      return null;
    }
    Long parsed = null;
    if (value instanceof Integer || value instanceof Long) {
      parsed = ((Number) value).longValue();
    } else if (value instanceof String text && text.strip().matches("[0-9]{1,13}")) {
      parsed = Long.valueOf(text.strip());
    }
    if (parsed == null || parsed < 0 || parsed > MAX_CENTS) {
      f.error(key, "Un montant en centimes d'euro est attendu : un nombre entier de 0 à " + MAX_CENTS + ".");
      return null;
    }
    return parsed;
  }

  private static BigDecimal decimal(Fields f, Object value, String key) {
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    try {
      BigDecimal number = new BigDecimal(value.toString().strip().replace(',', '.'));
      if (number.signum() < 0 || number.scale() > 2 || number.compareTo(BigDecimal.valueOf(1000)) > 0) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException e) {
      f.error(key, "Un nombre d'équivalents temps plein de 0 à 1000, au centième près (par exemple 2,5).");
      return null;
    }
  }

  private static UUID uuid(Fields f, JsonObject json, String key) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    try {
      return UUID.fromString(value.toString().strip());
    } catch (IllegalArgumentException e) {
      f.error(key, "Un identifiant (UUID) est attendu.");
      return null;
    }
  }
}
