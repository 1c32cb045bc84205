package fr.pacte.server.calls;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.calls.Application.Objective;
import fr.pacte.server.calls.Application.Project;
import fr.pacte.server.calls.Budget.Cofunding;
import fr.pacte.server.calls.Budget.Status;
import fr.pacte.server.calls.Budget.Year;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.text.CapacityUnits;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an application sent by the API or a page, and says what is missing before it may be submitted. A draft may
 * be incomplete but never malformed: a value of the wrong form is refused naming its field; a missing one is only
 * listed at submission, in French, field by field.
 */
public final class ApplicationInput {

  /** Amounts up to 10 billion euros, in cents. */
  static final long MAX_CENTS = 1_000_000_000_000L;
  private static final int MAX_TEXT = 20_000;
  private static final int MAX_LINE = 300;

  private ApplicationInput() {
  }

  /** How a field of the general part is written. */
  public enum Kind { LINE, TEXT, EMAIL, SIRET, RNA, DATE, INTEGER, DECIMAL, MONEY }

  /** A field of the general part: its key in its section, its French label, its form, whether submission needs it. */
  public record Field(String key, String label, Kind kind, boolean required) {
  }

  /** A section of the general part, one per item of the call's list (seed 002 §IV). */
  public record Section(String key, String title, List<Field> fields) {
  }

  /** The general part: the seven items of seed 002 §IV. */
  public static final List<Section> GENERAL = List.of(
      new Section("identification", "Identification de l'organisme", List.of(
          new Field("name", "Nom de l'organisme", Kind.LINE, true),
          new Field("siret", "SIRET", Kind.SIRET, true),
          new Field("address", "Adresse du siège", Kind.LINE, true),
          new Field("email", "Courriel de l'organisme", Kind.EMAIL, true),
          new Field("phone", "Téléphone", Kind.LINE, true),
          new Field("website", "Site internet", Kind.LINE, false))),
      new Section("legalRepresentative", "Représentant légal de l'organisme", List.of(
          new Field("name", "Nom et prénom du représentant légal", Kind.LINE, true),
          new Field("role", "Qualité du représentant légal", Kind.LINE, true),
          new Field("email", "Courriel du représentant légal", Kind.EMAIL, false),
          new Field("phone", "Téléphone du représentant légal", Kind.LINE, false))),
      new Section("fileContact", "Personne chargée du dossier", List.of(
          new Field("name", "Nom et prénom de la personne chargée du dossier", Kind.LINE, true),
          new Field("role", "Fonction de la personne chargée du dossier", Kind.LINE, true),
          new Field("email", "Courriel de la personne chargée du dossier", Kind.EMAIL, true),
          new Field("phone", "Téléphone de la personne chargée du dossier", Kind.LINE, true))),
      new Section("administrative", "Renseignements administratifs et juridiques", List.of(
          new Field("legalForm", "Forme juridique", Kind.LINE, true),
          new Field("rna", "Numéro RNA (association)", Kind.RNA, false),
          new Field("creationDate", "Date de création", Kind.DATE, true),
          new Field("apeCode", "Code APE", Kind.LINE, false),
          new Field("approvals", "Agréments, habilitations et reconnaissances", Kind.TEXT, false))),
      new Section("humanResources", "Ressources humaines de la structure", List.of(
          new Field("employees", "Nombre de salariés", Kind.INTEGER, true),
          new Field("fullTimeEquivalents", "Équivalents temps plein", Kind.DECIMAL, true),
          new Field("volunteers", "Nombre de bénévoles", Kind.INTEGER, false),
          new Field("description", "Qualifications et compétences des intervenants", Kind.TEXT, true))),
      new Section("experience", "Expérience de l'accompagnement des publics en situation précaire", List.of(
          new Field("description", "Expérience de l'organisme auprès des publics en situation précaire", Kind.TEXT, true),
          new Field("partners", "Réseau partenarial local", Kind.TEXT, false))),
      new Section("yearlyBudget", "Budget prévisionnel annuel de l'organisme", List.of(
          new Field("year", "Exercice", Kind.INTEGER, true),
          new Field("totalCents", "Total des charges de l'organisme", Kind.MONEY, true),
          new Field("publicFundingCents", "Dont subventions publiques", Kind.MONEY, false))));

  /**
   * The parts a call asks to attach (seed 002 §IV), each answered by a vault document of the same kind: the
   * organisation's ones once, in the general part; the action's ones in each project.
   */
  public static final Map<String, String> GENERAL_PARTS = Map.of(
      "cv", "Les CV actualisés et signés des intervenants",
      "rapport-activite", "Le dernier rapport d'activité approuvé par le conseil d'administration",
      "composition-gouvernance", "La composition du conseil d'administration et du bureau",
      "rib", "Le RIB ou RIP de la structure");
  public static final List<String> GENERAL_PART_ORDER = List.of("cv", "rapport-activite", "composition-gouvernance", "rib");
  public static final Map<String, String> PROJECT_PARTS = Map.of(
      "fiche-synthetique", "La fiche descriptive synthétique de l'action",
      "modelisation", "La modélisation de l'accompagnement ou le préprojet de programmation d'ateliers");
  public static final List<String> PROJECT_PART_ORDER = List.of("fiche-synthetique", "modelisation");

  /** A vault document attached to the general part ({@code lotCode} empty) or to a project. */
  public record Attached(String lotCode, String part, UUID documentId) {
  }

  /** What a save writes: the general part, the organisations answering (lead first), projects, attachments. */
  public record Content(JsonObject general, List<String> members, List<Project> projects, List<Attached> attachments) {

    public Content {
      members = List.copyOf(members);
      projects = List.copyOf(projects);
      attachments = List.copyOf(attachments);
    }
  }

  /**
   * Reads a draft for {@code call}, led by {@code lead}. Attachments name vault documents; their part is the
   * document's kind, found by the service ({@code kinds}: document id → kind code, of the lead's vault).
   *
   * @throws Problem a 400 naming every field at fault
   */
  public static Content parse(JsonObject body, CallForProjects call, String lead, Map<UUID, String> kinds) {
    List<FieldError> errors = new ArrayList<>();
    Fields fields = Fields.of(body, "", errors);
    JsonObject general = general(fields.object("general"), errors);
    List<String> members = new ArrayList<>();
    members.add(lead);
    JsonArray memberIds = fields.array("members", 20);
    for (int i = 0; i < memberIds.size(); i++) {
      String id = Fields.check(memberIds.getValue(i), "members[" + i + "]", 80, false, errors);
      if (id != null && !members.contains(id)) {
        members.add(id);
      }
    }
    List<Attached> attachments = new ArrayList<>(attachments(fields.array("attachments", 50), "", "attachments", kinds, errors));
    List<Project> projects = new ArrayList<>();
    JsonArray projectArray = fields.array("projects", Math.max(1, call.content().lots().size()));
    Set<String> lots = new LinkedHashSet<>();
    for (int i = 0; i < projectArray.size(); i++) {
      String field = "projects[" + i + "]";
      if (!(projectArray.getValue(i) instanceof JsonObject projectJson)) {
        errors.add(new FieldError(field, "Un objet JSON est attendu."));
        continue;
      }
      Project project = project(Fields.of(projectJson, field + ".", errors), call, errors);
      if (project == null) {
        continue;
      }
      if (!lots.add(project.lotCode())) {
        errors.add(new FieldError(field + ".lot", "Un seul projet par lot : le lot « " + project.lotCode() + " » est déjà pris."));
        continue;
      }
      projects.add(project);
      attachments.addAll(attachments(Fields.of(projectJson, field + ".", errors).array("attachments", 20),
          project.lotCode(), field + ".attachments", kinds, errors));
    }
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
    return new Content(general, members, projects, attachments);
  }

  /** The version a client read, from a body or header value; a 400 naming {@code version} otherwise. */
  public static int expectedVersion(Object value) {
    return CallInput.expectedVersion(value);
  }

  /** The version a client read, if it sent one (blank: none); a 400 naming {@code version} if not a number. */
  public static Integer optionalVersion(String raw) {
    return raw == null || raw.isBlank() ? null : expectedVersion(raw.replace("W/", "").replace("\"", "").strip());
  }

  private static JsonObject general(Fields fields, List<FieldError> errors) {
    JsonObject general = new JsonObject();
    for (Section section : GENERAL) {
      Fields part = fields.object(section.key());
      JsonObject values = new JsonObject();
      for (Field field : section.fields()) {
        Object value = value(part, field, errors);
        if (value != null) {
          values.put(field.key(), value);
        }
      }
      general.put(section.key(), values);
    }
    return general;
  }

  private static Object value(Fields part, Field field, List<FieldError> errors) {
    String key = field.key();
    return switch (field.kind()) {
      case LINE -> part.line(key, MAX_LINE);
      case TEXT -> part.text(key, MAX_TEXT);
      case EMAIL -> {
        String email = part.line(key, 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
          part.error(key, "Une adresse électronique est attendue (nom@domaine.fr).");
          yield null;
        }
        yield email;
      }
      case SIRET -> {
        String siret = part.line(key, 40);
        String digits = siret == null ? null : siret.replace(" ", "");
        if (digits != null && !digits.matches("[0-9]{14}")) {
          part.error(key, "Le SIRET a 14 chiffres.");
          yield null;
        }
        yield digits;
      }
      case RNA -> {
        String rna = part.line(key, 20);
        if (rna != null && !rna.matches("W[0-9]{9}")) {
          part.error(key, "Le numéro RNA est un W suivi de 9 chiffres.");
          yield null;
        }
        yield rna;
      }
      case DATE -> {
        String date = part.line(key, 10);
        if (date == null) {
          yield null;
        }
        try {
          yield FrenchDates.parseDay(date).toString();
        } catch (DateTimeParseException e) {
          part.error(key, FrenchDates.TYPED_DAY_HINT);
          yield null;
        }
      }
      case INTEGER -> part.integer(key, 0, 1_000_000);
      case DECIMAL -> decimal(part, key);
      case MONEY -> cents(part, key);
    };
  }

  private static String decimal(Fields part, String key) {
    Object raw = part.rawValue(key);
    if (raw == null || raw.toString().isBlank()) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(raw.toString().strip().replace(',', '.'));
      if (value.signum() < 0 || value.scale() > 2 || value.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
        throw new NumberFormatException();
      }
      return value.toPlainString();
    } catch (NumberFormatException e) {
      part.error(key, "Un nombre positif avec au plus deux décimales est attendu.");
      return null;
    }
  }

  /** An amount in cents, whole and between 0 and 10 billion euros; null when absent. */
  static Long cents(Fields part, String key) {
    Object value = part.rawValue(key);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    Long parsed = null;
    if (value instanceof Integer || value instanceof Long) {
      parsed = ((Number) value).longValue();
    } else if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
        && Math.abs(number.doubleValue()) < 1e13) {
      parsed = number.longValue();
    } else if (value instanceof String text && text.strip().matches("[0-9]{1,13}")) {
      parsed = Long.valueOf(text.strip());
    }
    if (parsed == null || parsed < 0 || parsed > MAX_CENTS) {
      part.error(key, "Un montant en centimes d'euro est attendu : un nombre entier positif.");
      return null;
    }
    return parsed;
  }

  private static Project project(Fields fields, CallForProjects call, List<FieldError> errors) {
    String lotCode = fields.line("lot", 80);
    Lot lot = lotCode == null ? null
        : call.content().lots().stream().filter(l -> l.code().equals(lotCode)).findFirst().orElse(null);
    if (lot == null) {
      fields.error("lot", lotCode == null ? "Indiquez le lot auquel ce projet répond."
          : "L'appel à projets n'a pas de lot « " + lotCode + " ».");
      return null;
    }
    int years = call.content().maxConventionYears();
    List<String> territories = new ArrayList<>();
    List<String> given = fields.lines("territories", 20, 80);
    for (int i = 0; i < given.size(); i++) {
      if (!lot.territories().contains(given.get(i))) {
        errors.add(new FieldError(fields.field("territories") + "[" + i + "]", "Le lot « " + lot.title()
            + " » ne couvre pas le territoire « " + given.get(i) + " »."));
      } else if (!territories.contains(given.get(i))) {
        territories.add(given.get(i));
      }
    }
    List<Objective> objectives = new ArrayList<>();
    JsonArray objectiveArray = fields.array("objectives", 20 * years);
    for (int i = 0; i < objectiveArray.size(); i++) {
      String field = fields.field("objectives") + "[" + i + "]";
      if (!(objectiveArray.getValue(i) instanceof JsonObject json)) {
        errors.add(new FieldError(field, "Un objet JSON est attendu."));
        continue;
      }
      Fields objective = Fields.of(json, field + ".", errors);
      String territory = objective.line("territory", 80);
      Integer year = objective.integer("year", 1, years);
      Integer target = objective.integer("target", 0, 1_000_000);
      if (territory != null && !territories.contains(territory)) {
        objective.error("territory", "Ce projet ne couvre pas le territoire « " + territory + " » : ajoutez-le à ses territoires.");
      } else if (territory != null && year != null && target != null) {
        if (objectives.stream().anyMatch(o -> o.territory().equals(territory) && o.year() == year)) {
          objective.error("year", "Un seul objectif par territoire et par année.");
        } else {
          objectives.add(new Objective(territory, year, target));
        }
      }
    }
    List<String> indicators = fields.lines("indicators", 30, MAX_LINE);
    List<Year> budgetYears = new ArrayList<>();
    JsonArray budgetArray = fields.array("budget", years);
    for (int i = 0; i < budgetArray.size(); i++) {
      String field = fields.field("budget") + "[" + i + "]";
      if (!(budgetArray.getValue(i) instanceof JsonObject json)) {
        errors.add(new FieldError(field, "Un objet JSON est attendu."));
        continue;
      }
      Year year = year(Fields.of(json, field + ".", errors), years, errors);
      if (year != null) {
        if (budgetYears.stream().anyMatch(y -> y.year() == year.year())) {
          errors.add(new FieldError(field + ".year", "L'année " + year.year() + " est déjà dans le budget."));
        } else {
          budgetYears.add(year);
        }
      }
    }
    budgetYears.sort((a, b) -> Integer.compare(a.year(), b.year()));
    String title = fields.line("title", MAX_LINE);
    return new Project(lot.code(), title == null ? "" : title, territories, orEmpty(fields.text("description", MAX_TEXT)),
        objectives, indicators, orEmpty(fields.text("otherInformation", MAX_TEXT)),
        new Budget(budgetYears, call.content().indirectCostCapPercent()));
  }

  private static Year year(Fields fields, int years, List<FieldError> errors) {
    Integer year = fields.integer("year", 1, years);
    if (year == null && !fields.has("year")) {
      fields.error("year", "Indiquez l'année (1 à " + years + ").");
    }
    Fields direct = fields.object("direct");
    Fields indirect = fields.object("indirect");
    long staff = orZero(cents(direct, "staffCents"));
    long services = orZero(cents(direct, "servicesCents"));
    long purchases = orZero(cents(direct, "purchasesCents"));
    long rent = orZero(cents(indirect, "rentCents"));
    long utilities = orZero(cents(indirect, "utilitiesCents"));
    long printing = orZero(cents(indirect, "printingCents"));
    long support = orZero(cents(indirect, "supportCents"));
    List<Cofunding> cofunding = new ArrayList<>();
    JsonArray lines = fields.array("cofunding", 20);
    for (int i = 0; i < lines.size(); i++) {
      String field = fields.field("cofunding") + "[" + i + "]";
      if (!(lines.getValue(i) instanceof JsonObject json)) {
        errors.add(new FieldError(field, "Un objet JSON est attendu."));
        continue;
      }
      Fields line = Fields.of(json, field + ".", errors);
      String funder = line.line("funder", 200);
      Long amount = cents(line, "amountCents");
      String statusCode = line.line("status", 20);
      Status status = statusCode == null ? null : Status.of(statusCode);
      if (statusCode != null && status == null) {
        line.error("status", "« requested » (sollicité) ou « obtained » (obtenu) est attendu.");
      }
      if (funder == null && amount == null) {
        continue;
      }
      cofunding.add(new Cofunding(funder == null ? "" : funder, orZero(amount), status));
    }
    long requested = orZero(cents(fields, "requestedCents"));
    return year == null ? null
        : new Year(year, staff, services, purchases, rent, utilities, printing, support, cofunding, requested);
  }

  private static List<Attached> attachments(JsonArray array, String lotCode, String field, Map<UUID, String> kinds,
                                            List<FieldError> errors) {
    List<Attached> attached = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.getValue(i);
      String raw = item instanceof JsonObject json ? json.getString("document") : item instanceof String s ? s : null;
      UUID id = null;
      try {
        id = raw == null ? null : UUID.fromString(raw.strip());
      } catch (IllegalArgumentException e) {
        id = null;
      }
      if (id == null || !kinds.containsKey(id)) {
        errors.add(new FieldError(field + "[" + i + "]", raw == null ? "Indiquez le document du coffre-fort à joindre."
            : "Aucun document « " + raw + " » dans le coffre-fort de l'organisme."));
        continue;
      }
      UUID document = id;
      if (attached.stream().noneMatch(a -> a.documentId().equals(document))) {
        attached.add(new Attached(lotCode, kinds.get(id), id));
      }
    }
    return attached;
  }

  /**
   * What is missing before submission, field by field, in French: an empty list means the application may be
   * submitted. {@code lotTitles} and {@code territoryNames} give names rather than codes.
   */
  public static List<FieldError> missing(Application application, CallForProjects call, Map<String, String> territoryNames,
                                         Map<String, ActionTypeDescriptor> types) {
    List<FieldError> missing = new ArrayList<>();
    JsonObject general = application.general();
    for (Section section : GENERAL) {
      JsonObject values = general.getJsonObject(section.key(), new JsonObject());
      for (Field field : section.fields()) {
        Object value = values.getValue(field.key());
        if (field.required() && (value == null || value.toString().isBlank())) {
          missing.add(new FieldError("general." + section.key() + "." + field.key(),
              "Partie générale, " + section.title().toLowerCase() + " : « " + field.label() + " » est à renseigner."));
        }
      }
    }
    for (String part : GENERAL_PART_ORDER) {
      if (application.attachments().stream().noneMatch(a -> a.general() && a.part().equals(part))) {
        missing.add(new FieldError("attachments." + part, "Partie générale, pièces jointes : " + lowerFirst(GENERAL_PARTS.get(part))
            + " manque ; choisissez-le dans le coffre-fort ou déposez-le."));
      }
    }
    if (application.projects().isEmpty()) {
      missing.add(new FieldError("projects", "Ajoutez au moins un projet, en choisissant le lot auquel il répond."));
    }
    int years = call.content().maxConventionYears();
    for (int p = 0; p < application.projects().size(); p++) {
      Project project = application.projects().get(p);
      Lot lot = call.content().lots().stream().filter(l -> l.code().equals(project.lotCode())).findFirst().orElse(null);
      String prefix = "projects[" + p + "].";
      String name = "Projet « " + (lot == null ? project.lotCode() : lot.title()) + " »";
      if (project.territories().isEmpty()) {
        missing.add(new FieldError(prefix + "territories", name + " : choisissez le ou les territoires couverts."));
      }
      if (project.description().isBlank()) {
        missing.add(new FieldError(prefix + "description", name + " : la description précise du projet est à rédiger."));
      }
      String unit = lot == null || lot.needs().isEmpty() ? ""
          : " (" + CapacityUnits.plural(lot.needs().get(0).unit(), types.get(lot.actionType())) + ")";
      for (String territory : project.territories()) {
        for (int year = 1; year <= years; year++) {
          int y = year;
          if (project.objectives().stream().noneMatch(o -> o.territory().equals(territory) && o.year() == y && o.target() > 0)) {
            missing.add(new FieldError(prefix + "objectives." + territory + "." + year, name + " : l'objectif chiffré de l'année "
                + year + " pour " + territoryNames.getOrDefault(territory, territory) + unit + " est à indiquer."));
          }
        }
      }
      if (project.indicators().isEmpty()) {
        missing.add(new FieldError(prefix + "indicators", name + " : proposez au moins un indicateur d'évaluation."));
      }
      for (int year = 1; year <= years; year++) {
        int y = year;
        Year line = project.budget().years().stream().filter(b -> b.year() == y).findFirst().orElse(null);
        String field = prefix + "budget." + year;
        if (line == null || line.totalCents() == 0) {
          missing.add(new FieldError(field, name + " : le budget de l'année " + year + " (coûts directs et indirects) est à remplir."));
          continue;
        }
        if (line.requestedCents() == 0) {
          missing.add(new FieldError(field + ".requestedCents", name + " : le montant demandé au Département pour l'année "
              + year + " est à indiquer."));
        }
        for (int c = 0; c < line.cofunding().size(); c++) {
          Cofunding cofunding = line.cofunding().get(c);
          if (cofunding.funder().isBlank() || cofunding.status() == null || cofunding.amountCents() == 0) {
            missing.add(new FieldError(field + ".cofunding[" + c + "]", name + " : le cofinancement n° " + (c + 1)
                + " de l'année " + year + " doit nommer le financeur, son montant et s'il est sollicité ou obtenu."));
          }
        }
        if (!line.balanced()) {
          missing.add(new FieldError(field + ".balanced", name + " : le budget de l'année " + year + " n'est pas équilibré : "
              + "coût total " + CallForProjects.euros(line.totalCents()) + ", cofinancements et montant demandé "
              + CallForProjects.euros(line.cofundingCents() + line.requestedCents()) + "."));
        }
      }
      for (String part : PROJECT_PART_ORDER) {
        if (application.attachments().stream().noneMatch(a -> a.lotCode().equals(project.lotCode()) && a.part().equals(part))) {
          missing.add(new FieldError(prefix + "attachments." + part, name + " : " + lowerFirst(PROJECT_PARTS.get(part))
              + " manque ; choisissez-la dans le coffre-fort ou déposez-la."));
        }
      }
    }
    return missing;
  }


  private static String lowerFirst(String text) {
    return Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
