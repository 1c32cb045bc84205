package fr.pacte.api;

import java.util.List;

/**
 * A field recorded on each participation of this action type (e.g. mobility: the diagnostic, the solutions mobilised).
 *
 * @param code     stable identifier, lower-case with dashes or underscores
 * @param label    shown next to the field
 * @param type     how it is entered and stored
 * @param options  allowed values for {@link Type#CHOICE} and {@link Type#MULTI_CHOICE}
 * @param required whether a participation can be saved without it
 * @since 1.0.0
 */
public record ParticipationField(String code, LocalizedText label, Type type, List<LocalizedText> options, boolean required) {

  /**
   * How a participation field is entered and stored.
   *
   * @since 1.0.0
   */
  public enum Type { TEXT, BOOLEAN, DATE, NUMBER, CHOICE, MULTI_CHOICE }

  public ParticipationField {
    options = options == null ? List.of() : List.copyOf(options);
  }

  public static ParticipationField of(String code, LocalizedText label, Type type) {
    return new ParticipationField(code, label, type, List.of(), false);
  }

  public static ParticipationField choice(String code, LocalizedText label, boolean multiple, List<LocalizedText> options) {
    return new ParticipationField(code, label, multiple ? Type.MULTI_CHOICE : Type.CHOICE, options, false);
  }
}
