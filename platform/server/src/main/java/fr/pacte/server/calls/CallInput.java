package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.Contact;
import fr.pacte.server.calls.CallForProjects.Content;
import fr.pacte.server.calls.CallForProjects.Criterion;
import fr.pacte.server.calls.CallForProjects.Level;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.calls.CallForProjects.SubCriterion;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a call sent by the API, a page or a tenant's file through {@link Fields} (types checked, never coerced; lengths
 * and characters by the platform's text rules), and says in French what is wrong, field by field (fields named as in
 * the JSON: {@code lots[2].territories}). Nothing is saved unless all of it is right.
 */
public final class CallInput {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern CRITERION_CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}");
  /** "programme/fiche-or-action", as offer items name the programme action they serve. */
  private static final Pattern PROGRAMME_REF = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}/[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final long MAX_CENTS = 100_000_000_000_00L;
  /** Most items any list of a call holds (lots, criteria, contacts, parts, notes…). */
  private static final int MAX_ITEMS = 500;
  private static final String DATE = FrenchDates.TYPED_DAY_HINT;

  private final JsonObject body;
  private final List<Problem.FieldError> errors = new ArrayList<>();

  private CallInput(JsonObject body) {
    this.body = body;
  }

  /**
   * The call's content, lots' needs left empty (the service takes them from the tenant's needs).
   *
   * @param actionTypes  the action types of the plugins enabled for the tenant; null to take any well-formed code
   * @param territories  the tenant's territory codes
   * @param timeZone     the tenant's time zone, in which the call's dates and deadline are read
   */
  public static Content parse(JsonObject body, Set<String> actionTypes, Set<String> territories, String timeZone) {
    CallInput input = new CallInput(body == null ? new JsonObject() : body);
    Content content = input.read(actionTypes, territories, timeZone);
    if (!input.errors.isEmpty()) {
      throw Problem.validation(input.errors);
    }
    return content;
  }

  /** The version an update or a publication is based on (If-Match or the body's {@code version}). */
  public static int expectedVersion(Object raw) {
    if (raw instanceof Number number && number.intValue() >= 0) {
      return number.intValue();
    }
    if (raw instanceof String text && text.matches("[0-9]{1,9}")) {
      return Integer.parseInt(text);
    }
    throw Problem.validation(List.of(new Problem.FieldError("version",
        "Indiquez la version de l'appel que vous avez lue (en-tête If-Match ou champ version).")));
  }

  private Content read(Set<String> actionTypes, Set<String> territories, String timeZone) {
    Fields call = Fields.of(body, "", errors);
    String title = text(call, "title", true, 3, 300);
    String thematic = text(call, "thematic", false, 0, 200);
    List<String> refs = call.lines("programmeRefs", MAX_ITEMS, 200);
    for (int i = 0; i < refs.size(); i++) {
      if (!PROGRAMME_REF.matcher(refs.get(i)).matches()) {
        call.error("programmeRefs[" + i + "]", "Une référence de programme s'écrit « programme/fiche » ou « programme/action » "
            + "(par exemple « pdi-pti-2022-2025/1-1-1 »).");
      }
    }
    Fields texts = call.object("texts");
    String context = longText(texts, "context");
    String objectives = longText(texts, "objectives");
    String publicText = longText(texts, "public");
    String territoriesText = longText(texts, "territories");
    String launchDecision = text(call, "launchDecision", false, 0, 300);
    LocalDate launchDecisionDate = call.date("launchDecisionDate", DATE);
    LocalDate publicationDate = call.date("publicationDate", DATE);
    LocalDateTime deadline = call.dateTime("deadline", FrenchDates.TYPED_DATE_TIME_HINT
        + " « Le 22 août à minuit » s'écrit 23/08/2025 00:00.");
    List<Contact> contacts = new ArrayList<>();
    for (Fields contact : call.objects("contacts", MAX_ITEMS)) {
      String email = text(contact, "email", false, 0, 200);
      if (!email.isEmpty() && !EMAIL.matcher(email).matches()) {
        contact.error("email", "Adresse électronique invalide : « " + email + " ».");
      }
      contacts.add(new Contact(text(contact, "name", true, 2, 200), text(contact, "role", false, 0, 200),
          email, text(contact, "phone", false, 0, 40)));
    }
    Long budget = cents(call, "budgetCents");
    List<String> generalParts = call.lines("generalParts", MAX_ITEMS, 1000);
    List<String> projectParts = call.lines("projectParts", MAX_ITEMS, 1000);
    List<String> documents = call.lines("documents", MAX_ITEMS, 1000);
    Integer cap = call.integer("indirectCostCapPercent", 0, 100,
        "Le plafond des frais indirects est un pourcentage entier de 0 à 100.");
    Integer years = call.integer("maxConventionYears", 1, 10,
        "La durée maximale des conventions est un nombre d'années de 1 à 10.");
    String needsFrom = text(call, "needsFrom", false, 0, 80);
    if (!needsFrom.isEmpty() && !CODE.matcher(needsFrom).matches()) {
      call.error("needsFrom", "Le code d'un appel du fichier des besoins (minuscules, chiffres et tirets).");
    }
    List<String> notes = call.lines("notes", MAX_ITEMS, 2000);
    List<Lot> lots = lots(call, actionTypes, territories, budget);
    List<Criterion> criteria = criteria(call, actionTypes);
    return new Content(title, thematic, refs, context, objectives, publicText, territoriesText, launchDecision,
        launchDecisionDate, publicationDate, deadline, timeZone, contacts, budget, generalParts, projectParts,
        documents, cap, years == null ? 3 : years, needsFrom.isEmpty() ? null : needsFrom, notes, lots, criteria);
  }

  private List<Lot> lots(Fields call, Set<String> actionTypes, Set<String> territories, Long callBudget) {
    List<Lot> lots = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    long sum = 0;
    for (Fields lot : call.objects("lots", MAX_ITEMS)) {
      String code = text(lot, "code", true, 1, 80);
      if (!code.isEmpty() && !CODE.matcher(code).matches()) {
        lot.error("code", "Le code d'un lot s'écrit en minuscules, chiffres et tirets.");
      } else if (!code.isEmpty() && !codes.add(code)) {
        lot.error("code", "Deux lots ont le code « " + code + " ».");
      }
      String actionType = text(lot, "actionType", true, 1, 63);
      if (!actionType.isEmpty() && actionTypes != null && !actionTypes.contains(actionType)) {
        lot.error("actionType", "« " + actionType + " » n'est pas un type d'action d'un module activé pour ce département.");
      }
      int before = errors.size();
      List<String> lotTerritories = lot.lines("territories", MAX_ITEMS, 80);
      if (lotTerritories.isEmpty() && errors.size() == before) {
        lot.error("territories", "Un lot couvre au moins un territoire.");
      }
      for (String territory : lotTerritories) {
        if (!territories.contains(territory)) {
          lot.error("territories", "« " + territory + " » n'est pas un territoire de ce département.");
        }
      }
      Long budget = cents(lot, "budgetCents");
      sum += budget == null ? 0 : budget;
      lots.add(new Lot(code, text(lot, "title", true, 2, 300), actionType,
          List.copyOf(new java.util.LinkedHashSet<>(lotTerritories)), budget, List.of()));
    }
    if (callBudget != null && sum > callBudget) {
      call.error("lots", "Les enveloppes des lots (" + CallForProjects.euros(sum) + ") dépassent l'enveloppe de l'appel ("
          + CallForProjects.euros(callBudget) + ").");
    }
    return lots;
  }

  private List<Criterion> criteria(Fields call, Set<String> actionTypes) {
    List<Criterion> criteria = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (Fields criterion : call.objects("criteria", MAX_ITEMS)) {
      String code = text(criterion, "code", true, 1, 80);
      if (!code.isEmpty() && !CRITERION_CODE.matcher(code).matches()) {
        criterion.error("code", "Le code d'un critère s'écrit en minuscules, chiffres, tirets et soulignés.");
      }
      String actionType = text(criterion, "actionType", false, 0, 63);
      if (!actionType.isEmpty() && actionTypes != null && !actionTypes.contains(actionType)) {
        criterion.error("actionType", "« " + actionType + " » n'est pas un type d'action d'un module activé pour ce département.");
      }
      if (!code.isEmpty() && !keys.add(actionType + "|" + code)) {
        criterion.error("code", "Deux critères ont le code « " + code + " ».");
      }
      Integer weight = criterion.integer("weight", 1, 100, "Le poids d'un critère est un entier de 1 à 100.");
      criteria.add(new Criterion(code, text(criterion, "label", true, 2, 500), actionType,
          weight == null ? 1 : weight, scale(criterion), subCriteria(criterion)));
    }
    return criteria;
  }

  /**
   * A scale has at least two levels, with distinct scores in increasing order; a criterion given without one (and
   * without a weight) takes Pacte's four-level scale (and a weight of 1), to be set before reviewers score.
   */
  List<Level> scale(Fields criterion) {
    if (!criterion.has("scale")) {
      return CallService.DEFAULT_SCALE;
    }
    List<Level> levels = new ArrayList<>();
    int before = errors.size();
    for (Fields level : criterion.objects("scale", MAX_ITEMS)) {
      Integer score = level.integer("score", 0, 100, "Une note est un entier de 0 à 100.");
      if (score == null && !level.has("score")) {
        level.error("score", "Donnez la note de ce niveau.");
      } else if (score != null && !levels.isEmpty() && score <= levels.get(levels.size() - 1).score()) {
        level.error("score", "Les niveaux vont de la note la plus basse à la plus haute, sans doublon.");
      }
      levels.add(new Level(score == null ? 0 : score, text(level, "label", true, 1, 200)));
    }
    if (levels.size() < 2 && errors.size() == before) {
      criterion.error("scale", "Un barème a au moins deux niveaux, chacun avec sa note et son libellé.");
    }
    return levels;
  }

  private List<SubCriterion> subCriteria(Fields criterion) {
    List<SubCriterion> subs = new ArrayList<>();
    for (Fields sub : criterion.objects("subCriteria", MAX_ITEMS)) {
      subs.add(new SubCriterion(text(sub, "code", true, 1, 80), text(sub, "label", true, 2, 500)));
    }
    return subs;
  }

  // ---- each read records its error (through Fields: type, length, characters) and returns a harmless value, so
  // that every error is found at once

  /** A one-line text of {@code min} to {@code max} characters; "" when absent or at fault. */
  private String text(Fields fields, String key, boolean required, int min, int max) {
    int before = errors.size();
    String value = fields.line(key, max);
    return checked(fields, key, value, before, required, min, max);
  }

  /** One of the call's long texts (paragraphs kept). */
  private String longText(Fields fields, String key) {
    int before = errors.size();
    return checked(fields, key, fields.text(key, 60_000), before, false, 0, 60_000);
  }

  private String checked(Fields fields, String key, String value, int before, boolean required, int min, int max) {
    if (errors.size() > before) {
      return "";
    }
    if (value == null) {
      if (required) {
        fields.error(key, "Ce champ est obligatoire.");
      }
      return "";
    }
    if (value.length() < min) {
      fields.error(key, "De " + min + " à " + max + " caractères.");
    }
    return value;
  }

  /** Money in integer cents: never a floating-point amount. */
  private static Long cents(Fields fields, String key) {
    return fields.whole(key, 0, MAX_CENTS, "Un montant en centimes d'euro : un entier positif (par exemple 1500000 pour 15 000 €).");
  }
}
