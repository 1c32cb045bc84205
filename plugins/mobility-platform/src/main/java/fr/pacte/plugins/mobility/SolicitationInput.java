package fr.pacte.plugins.mobility;

import fr.pacte.api.FieldError;
import fr.pacte.api.FrenchDays;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A sollicitation as entered in the form or sent to the API, once checked. Both sources go through the same
 * rules so that the page and the API refuse the same things with the same French messages.
 */
public record SolicitationInput(LocalDate receivedOn, String territory, SolicitationChannel channel, String reason) {

  public static final String RECEIVED_ON = "receivedOn";
  public static final String TERRITORY = "territory";
  public static final String CHANNEL = "channel";
  public static final String REASON = "reason";
  static final List<String> FIELDS = List.of(RECEIVED_ON, TERRITORY, CHANNEL, REASON);

  /** Same limits as the CHECK constraints of V1__solicitations.sql. */
  public static final int TERRITORY_MAX_LENGTH = 120;
  public static final int REASON_MAX_LENGTH = 500;

  /** Guards against mistyped years (0202, 20266…) that would skew the indicator. */
  static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

  /** The host's words for a date field (JJ/MM/AAAA or the date picker), never the API's ISO form. */
  static final String RECEIVED_ON_REQUIRED = "Date de réception : " + lowerFirst(FrenchDays.REQUIRED);
  static final String RECEIVED_ON_INVALID = "Date de réception : " + lowerFirst(FrenchDays.INVALID);
  static final String RECEIVED_ON_FUTURE = "La date de réception ne peut pas être postérieure à aujourd'hui.";
  static final String RECEIVED_ON_TOO_OLD = "La date de réception ne peut pas être antérieure au 1er janvier 2000.";
  static final String TERRITORY_TOO_LONG = "Le territoire ne doit pas dépasser " + TERRITORY_MAX_LENGTH + " caractères.";
  static final String TERRITORY_NOT_TEXT = "Le territoire doit être un texte.";
  static final String CHANNEL_UNKNOWN =
      "Le canal doit être l'un des suivants : accueil physique, téléphone, mail, partenaire.";
  static final String REASON_TOO_LONG = "Le motif ne doit pas dépasser " + REASON_MAX_LENGTH + " caractères.";
  static final String REASON_NOT_TEXT = "Le motif doit être un texte.";

  /** The outcome of checking one submission: the input when valid, the errors otherwise, and what was typed. */
  public record Parsed(SolicitationInput input, List<FieldError> errors, Map<String, String> values) {

    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /** Checks a JSON body; values of the wrong JSON type are reported on their field, not as a bad body. */
  public static Parsed parse(JsonObject body, LocalDate today) {
    return check(body::getValue, today);
  }

  /** Checks a form-encoded submission. */
  public static Parsed parse(MultiMap form, LocalDate today) {
    return check(form::get, today);
  }

  private static Parsed check(Function<String, Object> source, LocalDate today) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();

    LocalDate receivedOn = null;
    Object rawDate = source.apply(RECEIVED_ON);
    String date = blankToNull(rawDate);
    values.put(RECEIVED_ON, rawDate == null ? "" : String.valueOf(rawDate));
    if (date == null) {
      errors.add(new FieldError(RECEIVED_ON, RECEIVED_ON_REQUIRED));
    } else {
      receivedOn = rawDate instanceof String ? parseDate(date) : null;
      if (receivedOn == null) {
        errors.add(new FieldError(RECEIVED_ON, RECEIVED_ON_INVALID));
      } else if (receivedOn.isAfter(today)) {
        errors.add(new FieldError(RECEIVED_ON, RECEIVED_ON_FUTURE));
      } else if (receivedOn.isBefore(EARLIEST)) {
        errors.add(new FieldError(RECEIVED_ON, RECEIVED_ON_TOO_OLD));
      }
    }

    String territory = text(source.apply(TERRITORY), TERRITORY, TERRITORY_MAX_LENGTH, TERRITORY_NOT_TEXT,
        TERRITORY_TOO_LONG, errors, values);

    SolicitationChannel channel = null;
    Object rawChannel = source.apply(CHANNEL);
    String channelText = blankToNull(rawChannel);
    values.put(CHANNEL, rawChannel == null ? "" : String.valueOf(rawChannel));
    if (channelText != null) {
      channel = rawChannel instanceof String ? SolicitationChannel.parse(channelText) : null;
      if (channel == null) {
        errors.add(new FieldError(CHANNEL, CHANNEL_UNKNOWN));
      }
    }

    String reason = text(source.apply(REASON), REASON, REASON_MAX_LENGTH, REASON_NOT_TEXT, REASON_TOO_LONG, errors, values);

    SolicitationInput input = errors.isEmpty() ? new SolicitationInput(receivedOn, territory, channel, reason) : null;
    return new Parsed(input, List.copyOf(errors), values);
  }

  private static String text(Object raw, String field, int maxLength, String notText, String tooLong,
      List<FieldError> errors, Map<String, String> values) {
    values.put(field, raw == null ? "" : String.valueOf(raw));
    if (raw != null && !(raw instanceof String)) {
      errors.add(new FieldError(field, notText));
      return null;
    }
    String text = blankToNull(raw);
    if (text != null && text.codePointCount(0, text.length()) > maxLength) {
      errors.add(new FieldError(field, tooLong));
      return null;
    }
    return text;
  }

  private static String blankToNull(Object raw) {
    if (raw == null) {
      return null;
    }
    String text = String.valueOf(raw).strip();
    return text.isEmpty() ? null : text;
  }

  /** The date picker's "2026-11-02" or the typed "02/11/2026", as the host's own date fields take them. */
  private static LocalDate parseDate(String text) {
    return FrenchDays.tryParse(text).orElse(null);
  }

  private static String lowerFirst(String text) {
    return Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
