package fr.pacte.server.organisations;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks of the French identifiers of an organisation: SIRET (INSEE) and RNA (associations' register). */
public final class LegalIdentifiers {

  private static final Pattern FOURTEEN_DIGITS = Pattern.compile("[0-9]{14}");
  private static final Pattern RNA = Pattern.compile("W[0-9]{9}");
  /** La Poste's SIREN: its thousands of establishments outgrew the Luhn key; their SIRET digits sum to a multiple of 5. */
  private static final String LA_POSTE_SIREN = "356000000";

  private LegalIdentifiers() {
  }

  /** Spaces are how people write SIRETs ("123 456 789 00012"); they are not part of it. */
  public static String normaliseSiret(String raw) {
    return raw == null ? null : raw.replaceAll("[\\s\\u00a0]", "");
  }

  public static String normaliseRna(String raw) {
    return raw == null ? null : raw.replaceAll("[\\s\\u00a0]", "").toUpperCase(java.util.Locale.ROOT);
  }

  /** Why a SIRET is refused, in French, or empty if it is valid. */
  public static Optional<String> siretError(String siret) {
    if (!FOURTEEN_DIGITS.matcher(siret).matches()) {
      return Optional.of("Le SIRET compte 14 chiffres (9 pour le SIREN, 5 pour l'établissement).");
    }
    if (!validSiret(siret)) {
      return Optional.of("Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres.");
    }
    return Optional.empty();
  }

  /** Why an RNA number is refused, in French, or empty if it is valid. */
  public static Optional<String> rnaError(String rna) {
    return RNA.matcher(rna).matches() ? Optional.empty()
        : Optional.of("Le numéro RNA s'écrit W suivi de 9 chiffres (par exemple W802001234).");
  }

  public static boolean validSiret(String siret) {
    if (siret == null || !FOURTEEN_DIGITS.matcher(siret).matches()) {
      return false;
    }
    return luhn(siret) || (siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 == 0);
  }

  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }

  private static int digitSum(String digits) {
    return digits.chars().map(c -> c - '0').sum();
  }
}
