package fr.pacte.plugins.fseplus;

import fr.pacte.api.FieldError;
import fr.pacte.api.FrenchDays;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reading what a user sent (a JSON body or a page's form, both as a JSON object of strings and numbers) into the
 * module's inputs, with a French message per field at fault.
 */
final class OperationInput {

  record NewOperation(String title, String programme, String priority, String specificObjective, LocalDate periodStart,
                      LocalDate periodEnd, String beneficiaryKind, String beneficiaryName, List<UUID> conventions) {
  }

  record Parsed<T>(T value, List<FieldError> errors) {

    boolean valid() {
      return errors.isEmpty();
    }
  }

  static final List<String> PROGRAMMES = List.of("Programme national FSE+ 2021-2027",
      "Programme régional FEDER-FSE+ Hauts-de-France 2021-2027");

  private OperationInput() {
  }

  static Parsed<NewOperation> operation(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    String title = text(body, "title", 3, 200, "L'intitulé", errors);
    String programme = text(body, "programme", 3, 200, "Le programme", errors);
    String priority = text(body, "priority", 1, 200, "La priorité", errors);
    String objective = text(body, "specificObjective", 1, 200, "L'objectif spécifique", errors);
    LocalDate start = date(body, "periodStart", "Le début de l'opération", errors);
    LocalDate end = date(body, "periodEnd", "La fin de l'opération", errors);
    if (start != null && end != null && end.isBefore(start)) {
      errors.add(new FieldError("periodEnd", "La fin de l'opération précède son début."));
    }
    String kind = string(body, "beneficiaryKind");
    if (kind == null || !Operation.BENEFICIARIES.containsKey(kind)) {
      errors.add(new FieldError("beneficiaryKind", "Choisissez le bénéficiaire : l'opérateur ou le Département (organisme intermédiaire)."));
    }
    String beneficiary = text(body, "beneficiaryName", 2, 200, "Le nom du bénéficiaire", errors);
    List<UUID> conventions = new ArrayList<>();
    Object listed = body.getValue("conventions");
    List<Object> values = listed instanceof JsonArray array ? array.getList()
        : listed == null || listed.toString().isBlank() ? List.of() : List.of(listed);
    for (Object value : values) {
      try {
        conventions.add(UUID.fromString(String.valueOf(value)));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("conventions", "« " + value + " » n'est pas l'identifiant d'une convention."));
      }
    }
    if (conventions.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("conventions"))) {
      errors.add(new FieldError("conventions", "Choisissez au moins une convention cofinancée."));
    }
    return new Parsed<>(new NewOperation(title, programme, priority, objective, start, end, kind, beneficiary,
        List.copyOf(conventions)), errors);
  }

  static Parsed<FinancingPlan> plan(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    FinancingPlan.CostOption option = FinancingPlan.CostOption.of(string(body, "costOption"));
    if (option == null) {
      errors.add(new FieldError("costOption", "Choisissez l'option de coûts : coûts réels, taux forfaitaire de 15 %, "
          + "taux forfaitaire de 40 %, coûts unitaires ou montant forfaitaire."));
      option = FinancingPlan.CostOption.REAL_COSTS;
    }
    FinancingPlan plan = new FinancingPlan(option, percent(body, "flatRatePercent", errors),
        cents(body, "staffCents", errors), cents(body, "otherDirectCents", errors), cents(body, "indirectCents", errors),
        optionalCents(body, "unitCostCents", errors), optionalInteger(body, "units", errors),
        optionalCents(body, "lumpSumCents", errors), percent(body, "fseRatePercent", errors),
        cents(body, "departementCents", errors), cents(body, "etatCents", errors), cents(body, "otherPublicCents", errors),
        cents(body, "privateCents", errors));
    if (errors.isEmpty()) {
      errors.addAll(plan.errors());
    }
    return new Parsed<>(plan, errors);
  }

  static Parsed<EntryData> entry(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    String gender = choice(body, "gender", Participant.GENDERS, "Choisissez le genre : femme, homme ou non binaire.", true, errors);
    String labour = choice(body, "labourStatus", Participant.LABOUR, "Choisissez la situation sur le marché du travail.", true, errors);
    String education = choice(body, "education", Participant.EDUCATION, "Choisissez le niveau d'études (CITE).", true, errors);
    Map<String, String> sensitive = new LinkedHashMap<>();
    JsonObject given = body.getValue("sensitive") instanceof JsonObject object ? object : body;
    for (String column : Participant.SENSITIVE) {
      String field = Participant.SENSITIVE_JSON.get(column);
      sensitive.put(column, choice(given, field, Participant.ANSWERS,
          "Répondez oui, non, ou « ne souhaite pas répondre » (ou laissez vide).", false, errors));
    }
    return new Parsed<>(new EntryData(gender, labour, education, sensitive), errors);
  }

  static Parsed<List<String>> exitResults(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    Object listed = body.getValue("exitResults");
    List<Object> values = listed instanceof JsonArray array ? array.getList()
        : listed == null || listed.toString().isBlank() ? List.of() : List.of(listed);
    List<String> results = new ArrayList<>();
    for (Object value : values) {
      if (!Participant.RESULTS.containsKey(String.valueOf(value))) {
        errors.add(new FieldError("exitResults", "« " + value + " » n'est pas un résultat à la sortie ; résultats : "
            + String.join(", ", Participant.RESULTS.keySet()) + "."));
      } else if (!results.contains(String.valueOf(value))) {
        results.add(String.valueOf(value));
      }
    }
    return new Parsed<>(results, errors);
  }

  static Parsed<boolean[]> sixMonths(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    Boolean employed = bool(body, "employed", "Indiquez si la personne est en emploi six mois après sa sortie.", errors);
    Boolean improved = bool(body, "improved", "Indiquez si sa situation sur le marché du travail s'est améliorée.", errors);
    return new Parsed<>(errors.isEmpty() ? new boolean[] {employed, improved} : null, errors);
  }

  /**
   * A year's realised costs ({@code staffCents}, {@code otherDirectCents}, {@code indirectCents}, {@code units},
   * {@code lumpSumCents}); the version read is 0 for a year not entered yet.
   */
  static Parsed<RealisedCosts> realised(int year, JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    long staff = cents(body, "staffCents", errors);
    long other = cents(body, "otherDirectCents", errors);
    long indirect = cents(body, "indirectCents", errors);
    Integer units = optionalInteger(body, "units", errors);
    long lumpSum = cents(body, "lumpSumCents", errors);
    Object read = body.getValue("version");
    int version = -1;
    try {
      version = read instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(read).strip());
    } catch (NumberFormatException e) {
      // reported below
    }
    if (version < 0) {
      errors.add(new FieldError("version", "Indiquez la version lue (0 pour une année pas encore saisie)."));
    }
    return new Parsed<>(new RealisedCosts(year, staff, other, indirect, units == null ? 0 : units, lumpSum,
        Math.max(version, 0)), errors);
  }

  /**
   * A service-done check: what was checked ({@code subject}), the result, optionally the participant of the sample it
   * was about ({@code participation}) and the day ({@code checkedOn}, today when absent); who checked is the caller.
   */
  static Parsed<ServiceCheck> check(java.util.UUID claim, String checkedBy, LocalDate today, JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    String subject = text(body, "subject", 3, 500, "Ce qui a été vérifié (une feuille d'émargement, une facture…)", errors);
    String result = choice(body, "result", ServiceCheck.RESULTS, "Choisissez le résultat : conforme, écart constaté et "
        + "corrigé, ou non conforme.", true, errors);
    java.util.UUID participation = null;
    String given = string(body, "participation");
    if (given != null) {
      try {
        participation = java.util.UUID.fromString(given);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("participation", "Choisissez un participant de l'opération dans la liste."));
      }
    }
    LocalDate checkedOn = today;
    String day = string(body, "checkedOn");
    if (day != null) {
      try {
        checkedOn = day.contains("/") ? LocalDate.parse(day, java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT)) : LocalDate.parse(day);
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("checkedOn", "Indiquez le jour de la vérification, par exemple 15/03/2026."));
        checkedOn = null;
      }
    }
    if (checkedOn != null && checkedOn.isAfter(today)) {
      errors.add(new FieldError("checkedOn", "La vérification ne peut pas être datée d'un jour à venir."));
    }
    return new Parsed<>(errors.isEmpty() ? new ServiceCheck(null, claim, participation, checkedBy, checkedOn, subject,
        result) : null, errors);
  }

  /** An amount in euro cents, or null when the field is empty (an error is added when it is not a valid amount). */
  static Long amount(JsonObject body, String field, List<FieldError> errors) {
    return optionalCents(body, field, errors);
  }

  /** The version the client read: required to change anything (never a silent overwrite). */
  static Integer version(JsonObject body, List<FieldError> errors) {
    Object value = body.getValue("version");
    try {
      int version = value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value).strip());
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError("version", "Indiquez la version lue (un entier à partir de 1)."));
    return null;
  }

  static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    String text = String.valueOf(value).strip();
    return text.isEmpty() ? null : text;
  }

  private static String text(JsonObject body, String field, int min, int max, String what, List<FieldError> errors) {
    String value = string(body, field);
    if (value == null || value.length() < min) {
      errors.add(new FieldError(field, what + " est obligatoire" + (min > 1 ? " (" + min + " caractères au moins)." : ".")));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, what + " ne doit pas dépasser " + max + " caractères."));
    }
    return value;
  }

  private static LocalDate date(JsonObject body, String field, String what, List<FieldError> errors) {
    String value = string(body, field);
    if (value == null) {
      errors.add(new FieldError(field, what + " : " + FrenchDays.REQUIRED));
      return null;
    }
    return FrenchDays.tryParse(value).orElseGet(() -> {
      errors.add(new FieldError(field, what + " : " + FrenchDays.INVALID));
      return null;
    });
  }

  private static String choice(JsonObject body, String field, Map<String, String> allowed, String message,
                               boolean required, List<FieldError> errors) {
    String value = string(body, field);
    if (value == null ? required : !allowed.containsKey(value)) {
      errors.add(new FieldError(field, message));
      return null;
    }
    return value;
  }

  private static Boolean bool(JsonObject body, String field, String message, List<FieldError> errors) {
    Object value = body.getValue(field);
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value == null ? "" : String.valueOf(value).strip();
    if (text.equals("true") || text.equals("oui")) {
      return true;
    }
    if (text.equals("false") || text.equals("non")) {
      return false;
    }
    errors.add(new FieldError(field, message));
    return null;
  }

  private static long cents(JsonObject body, String field, List<FieldError> errors) {
    Long value = optionalCents(body, field, errors);
    return value == null ? 0 : value;
  }

  private static Long optionalCents(JsonObject body, String field, List<FieldError> errors) {
    Object value = body.getValue(field);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      long cents = value instanceof Number number && !(value instanceof Double || value instanceof Float)
          ? number.longValue() : new BigDecimal(value.toString().strip()).longValueExact();
      if (cents >= 0 && cents <= 100_000_000_000L) {
        return cents;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    errors.add(new FieldError(field, "Un montant en centimes d'euro : un entier positif ou nul."));
    return null;
  }

  private static Integer optionalInteger(JsonObject body, String field, List<FieldError> errors) {
    Long value = optionalCents(body, field, errors);
    return value == null ? null : (int) Math.min(value, Integer.MAX_VALUE);
  }

  private static BigDecimal percent(JsonObject body, String field, List<FieldError> errors) {
    Object value = body.getValue(field);
    if (value == null || value.toString().isBlank()) {
      return null;
    }
    try {
      BigDecimal percent = new BigDecimal(value.toString().strip().replace(',', '.'));
      if (percent.signum() >= 0 && percent.compareTo(new BigDecimal("100")) <= 0 && percent.scale() <= 2) {
        return percent;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(new FieldError(field, "Un pourcentage entre 0 et 100, deux décimales au plus."));
    return null;
  }
}
