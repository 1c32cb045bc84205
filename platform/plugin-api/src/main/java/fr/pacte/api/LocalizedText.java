package fr.pacte.api;

import java.util.Objects;

/**
 * A user-facing text in French (required) and English (secondary, falls back to French).
 *
 * @since 1.0.0
 */
public record LocalizedText(String fr, String en) {

  public LocalizedText {
    Objects.requireNonNull(fr, "French text is required");
    if (en == null || en.isBlank()) {
      en = fr;
    }
  }

  public static LocalizedText of(String fr, String en) {
    return new LocalizedText(fr, en);
  }

  public static LocalizedText fr(String fr) {
    return new LocalizedText(fr, null);
  }

  public String in(String language) {
    return "en".equals(language) ? en : fr;
  }
}
