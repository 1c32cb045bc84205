package fr.pacte.server.web;

import fr.pacte.server.text.TextRules;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of one input (a JSON body, or a page's form turned into the same JSON) by declared type and
 * limit, collecting every field at fault in French instead of coercing: a number, a list or an object where a
 * text is expected is an error, never its {@code toString()}. Each input type declares its fields and limits
 * once, through this reader, for the API and the pages alike.
 */
public final class Fields {

  public static final String TEXT_EXPECTED = "Un texte est attendu.";

  /**
   * The declared limits of free texts, one place for the API, the pages and the services: a long text (a programme
   * action's description, a fiche's context, a project's description), a medium text (a calendar, a list item), a
   * title. Pages state them next to their fields ({@link #LIMITS}); the decoder accepts far more, so that going over
   * is answered on the form with what was typed kept.
   */
  public static final int LONG_TEXT = 20_000;
  public static final int MEDIUM_TEXT = 2_000;
  public static final int TITLE = 500;
  /** The same limits as pages print them ("20 000"), under {@code limits} in every page's model. */
  public static final java.util.Map<String, String> LIMITS = java.util.Map.of("longText", french(LONG_TEXT),
      "mediumText", french(MEDIUM_TEXT), "title", french(TITLE));

  private final JsonObject json;
  private final String prefix;
  private final List<FieldError> errors;

  private Fields(JsonObject json, String prefix, List<FieldError> errors) {
    this.json = json == null ? new JsonObject() : json;
    this.prefix = prefix;
    this.errors = errors;
  }

  public static Fields of(JsonObject json) {
    return new Fields(json, "", new ArrayList<>());
  }

  /** Reads {@code json} under {@code prefix}, adding to {@code errors} (for validators that keep their own list). */
  public static Fields of(JsonObject json, String prefix, List<FieldError> errors) {
    return new Fields(json, prefix, errors);
  }

  /** The field's name as errors give it, e.g. {@code address.city}. */
  public String field(String key) {
    return prefix + key;
  }

  /** A one-line text, trimmed; null when absent or blank. */
  public String line(String key, int max) {
    return check(json.getValue(key), field(key), max, false, errors);
  }

  /** A text that may span lines (tabs and line breaks kept); null when absent or blank. */
  public String text(String key, int max) {
    return check(json.getValue(key), field(key), max, true, errors);
  }

  /** A list of one-line texts, blanks left out; empty when absent. */
  public List<String> lines(String key, int maxItems, int maxLength) {
    Object value = json.getValue(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      error(key, "Une liste de textes est attendue.");
      return List.of();
    }
    if (array.size() > maxItems) {
      error(key, "Au plus " + maxItems + " éléments.");
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String item = check(array.getValue(i), field(key) + "[" + i + "]", maxLength, false, errors);
      if (item != null) {
        items.add(item);
      }
    }
    return items;
  }

  /** A true/false value; null when absent. Form values "true"/"false"/"on" are accepted. */
  public Boolean bool(String key) {
    Object value = json.getValue(key);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof String text && text.matches("true|false|on")) {
      return !text.equals("false");
    }
    error(key, "true ou false est attendu.");
    return null;
  }

  /** A whole number in [min, max]; a form's digits are accepted; null when absent or blank. */
  public Integer integer(String key, int min, int max) {
    return integer(key, min, max, "Un nombre entier entre " + min + " et " + max + " est attendu.");
  }

  /** As {@link #integer(String, int, int)}, with the input's own French message. */
  public Integer integer(String key, int min, int max, String message) {
    Long whole = whole(key, min, max, message);
    return whole == null ? null : whole.intValue();
  }

  /**
   * A whole number in [min, max], such as an amount in cents: JSON integers or a form's digits only, never a number
   * with a fractional part; null when absent or blank.
   */
  public Long whole(String key, long min, long max, String message) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    Long parsed = null;
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      parsed = ((Number) value).longValue();
    } else if (value instanceof BigInteger big && big.bitLength() < 63) {
      parsed = big.longValue();
    } else if (value instanceof String text && text.strip().matches("-?[0-9]{1,18}")) {
      parsed = Long.valueOf(text.strip());
    }
    if (parsed == null || parsed < min || parsed > max) {
      error(key, message);
      return null;
    }
    return parsed;
  }

  /**
   * A day as a date picker sends it (2025-12-31) or as people type it (31/12/2025), see
   * {@link FrenchDates#parseDay(String)}; null when absent or blank.
   */
  public LocalDate date(String key, String message) {
    String text = dateText(key, message);
    try {
      return text == null ? null : FrenchDates.parseDay(text);
    } catch (DateTimeParseException e) {
      error(key, found(message, text));
      return null;
    }
  }

  /**
   * A local date and time as a picker sends it (2025-12-31T14:30) or as people type it (31/12/2025 14:30), see
   * {@link FrenchDates#parseDateTime(String)}; null when absent or blank.
   */
  public LocalDateTime dateTime(String key, String message) {
    String text = dateText(key, message);
    try {
      return text == null ? null : FrenchDates.parseDateTime(text);
    } catch (DateTimeParseException e) {
      error(key, found(message, text));
      return null;
    }
  }

  private String dateText(String key, String message) {
    Object value = json.getValue(key);
    if (value == null || (value instanceof String blank && blank.isBlank())) {
      return null;
    }
    if (!(value instanceof String text)) {
      error(key, message);
      return null;
    }
    if (text.length() > 40 || TextRules.hasControl(text)) {
      error(key, message);
      return null;
    }
    return text.strip();
  }

  private static String found(String message, String text) {
    return message + " (trouvé « " + text + " »)";
  }

  /** A nested object read with dotted names ({@code address.city}); empty when absent. */
  public Fields object(String key) {
    Object value = json.getValue(key);
    if (value != null && !(value instanceof JsonObject)) {
      error(key, "Un objet JSON est attendu.");
    }
    return new Fields(value instanceof JsonObject object ? object : new JsonObject(), field(key) + ".", errors);
  }

  /** A list of objects, each read with its place in the names ({@code lots[0].code}); empty when absent. */
  public List<Fields> objects(String key, int maxItems) {
    JsonArray array = array(key, maxItems);
    List<Fields> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = field(key) + "[" + i + "]";
      Object value = array.getValue(i);
      if (!(value instanceof JsonObject)) {
        errors.add(new FieldError(at, "Un objet JSON est attendu."));
      }
      items.add(new Fields(value instanceof JsonObject object ? object : new JsonObject(), at + ".", errors));
    }
    return items;
  }

  /** A list; empty when absent or of the wrong type (then an error). */
  public JsonArray array(String key, int maxItems) {
    Object value = json.getValue(key);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray array)) {
      error(key, "Une liste est attendue.");
      return new JsonArray();
    }
    if (array.size() > maxItems) {
      error(key, "Au plus " + maxItems + " éléments.");
      return new JsonArray();
    }
    return array;
  }

  /** The value as sent, unchecked (for readers of their own kinds of value); null when absent. */
  public Object rawValue(String key) {
    return json.getValue(key);
  }

  public boolean has(String key) {
    return json.getValue(key) != null;
  }

  public void error(String key, String message) {
    errors.add(new FieldError(field(key), message));
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** @throws Problem a 400 listing every field at fault, if any */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw Problem.validation(errors);
    }
  }

  /**
   * One text value: must be a string (else an error naming {@code field}), within {@code max} characters and with
   * no character {@link TextRules} refuses. Returns it trimmed, or null when absent, blank or at fault.
   */
  public static String check(Object value, String field, int max, boolean multiLine, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      errors.add(new FieldError(field, TEXT_EXPECTED));
      return null;
    }
    String trimmed = multiLine ? text.replace("\r\n", "\n").strip() : text.strip();
    if (trimmed.length() > max) {
      errors.add(new FieldError(field, tooLong(max, trimmed.length())));
      return null;
    }
    Optional<String> problem = TextRules.problem(trimmed, multiLine);
    if (problem.isPresent()) {
      errors.add(new FieldError(field, problem.get()));
      return null;
    }
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** The French message of a text over its limit; past a thousand characters it says how many were typed. */
  public static String tooLong(int max, int length) {
    return max < 1000 ? "Au plus " + max + " caractères."
        : "Au plus " + french(max) + " caractères ; ce texte en compte " + french(length)
            + ". Raccourcissez-le : il est conservé ci-dessous.";
  }

  /** A count as French writes it: 20 000 (a narrow no-break space between thousands). */
  public static String french(long count) {
    return String.format(java.util.Locale.FRANCE, "%,d", count).replace('\u202f', '\u00a0');
  }

  /** What is wrong with an already read text, added to {@code errors}; true when it may be stored. */
  public static boolean accept(String text, String field, int max, boolean multiLine, List<FieldError> errors) {
    int before = errors.size();
    check(text, field, max, multiLine, errors);
    return errors.size() == before;
  }
}
