package fr.pacte.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of an eligibility rule, open to rules of the action type's own (e.g. "Public en insertion, sans quota")
 * beside the three of the Somme call ({@link Eligibility.Kind}).
 *
 * <p>The host applies the call's three rules itself when a référent orients a person; a rule of the action type's
 * own ({@link Eligibility.Kind#OWN}) admits everybody there and shows its statement to the référent, who checks it.
 *
 * @param code  stable identifier, lower-case letters, digits and dashes (e.g. {@code public-en-insertion})
 * @param label the rule in a few words, as people read it
 * @since 1.4.0
 */
public record EligibilityRule(String code, LocalizedText label) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9-]{1,62}");

  public EligibilityRule {
    Objects.requireNonNull(code, "code");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("eligibility rule code must be lower-case letters, digits and dashes: " + code);
    }
    Objects.requireNonNull(label, "label");
  }

  /** The name of one of the call's rules. */
  public static EligibilityRule of(Eligibility.Kind kind) {
    return switch (kind) {
      case RSA_ONLY -> new EligibilityRule("rsa-seulement",
          LocalizedText.of("Allocataires du RSA seulement", "RSA recipients only"));
      case IAE_ELIGIBLE -> new EligibilityRule("eligibles-iae",
          LocalizedText.of("Personnes éligibles à l'IAE", "People eligible to the IAE"));
      case OPEN_WITH_RSA_QUOTA -> new EligibilityRule("ouvert-avec-quota-rsa",
          LocalizedText.of("Ouvert, avec une part minimale d'allocataires du RSA", "Open, with a minimum share of RSA recipients"));
      case OWN -> throw new IllegalArgumentException("Eligibility.Kind.OWN: give the action type's own EligibilityRule");
    };
  }
}
