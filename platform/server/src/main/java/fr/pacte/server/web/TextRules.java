package fr.pacte.server.web;

import java.util.Optional;

/**
 * Which characters a text may hold. PostgreSQL refuses NUL outright, and the other control characters (and
 * unpaired surrogates, non-characters) have no place in what people type: they are refused, never stripped, so
 * the caller learns what was wrong. Tabs and line breaks are kept in multi-line texts only.
 */
public final class TextRules {

  public static final String CONTROL_MESSAGE = "Ce texte contient un caractère de contrôle ou invisible non autorisé.";
  public static final String LINE_BREAK_MESSAGE = "Ce texte tient sur une ligne : retours à la ligne et tabulations refusés.";

  private TextRules() {
  }

  /** What is wrong with {@code text}, in French, or empty when it may be stored. */
  public static Optional<String> problem(String text, boolean multiLine) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        if (!multiLine) {
          return Optional.of(LINE_BREAK_MESSAGE);
        }
      } else if (forbidden(text, i)) {
        return Optional.of(CONTROL_MESSAGE);
      }
    }
    return Optional.empty();
  }

  /** True when {@code text} holds a character refused even in multi-line texts. */
  public static boolean hasControl(String text) {
    return problem(text, true).isPresent();
  }

  private static boolean forbidden(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\uFFFE' || c == '\uFFFF') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
    }
    return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
  }
}
