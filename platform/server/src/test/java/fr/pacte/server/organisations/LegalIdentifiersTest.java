package fr.pacte.server.organisations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LegalIdentifiersTest {

  @Test
  void acceptsSiretsWhoseLuhnKeyIsRight() {
    // The example SIRET of the data·inclusion schema, and La Poste's head office (Luhn-valid too).
    assertTrue(LegalIdentifiers.validSiret("13003013300016"));
    assertTrue(LegalIdentifiers.validSiret("35600000000048"));
    assertTrue(LegalIdentifiers.siretError("13003013300016").isEmpty());
  }

  @Test
  void refusesEveryOneDigitChangeOfAValidSiret() {
    String valid = "13003013300016";
    for (int position = 0; position < valid.length(); position++) {
      for (char digit = '0'; digit <= '9'; digit++) {
        if (digit == valid.charAt(position)) {
          continue;
        }
        String changed = valid.substring(0, position) + digit + valid.substring(position + 1);
        assertFalse(LegalIdentifiers.validSiret(changed), changed);
      }
    }
    assertEquals("Ce SIRET n'existe pas : sa clé de contrôle est fausse. Vérifiez les 14 chiffres.",
        LegalIdentifiers.siretError("13003013300017").orElseThrow());
  }

  @Test
  void laPosteEstablishmentsAreCheckedByTheirDigitSum() {
    // 3+5+6+5+2+1+3+5 = 30: a multiple of 5, though the Luhn key is wrong.
    assertFalse(LegalIdentifiers.luhn("35600000052135"));
    assertTrue(LegalIdentifiers.validSiret("35600000052135"));
    // Same digits outside La Poste's SIREN: refused.
    assertFalse(LegalIdentifiers.validSiret("35600000152035"));
    // La Poste's SIREN with a digit sum of 29: refused.
    assertFalse(LegalIdentifiers.validSiret("35600000052134"));
  }

  @Test
  void refusesWrongLengthsAndLetters() {
    assertEquals("Le SIRET compte 14 chiffres (9 pour le SIREN, 5 pour l'établissement).",
        LegalIdentifiers.siretError("1300301330001").orElseThrow());
    assertTrue(LegalIdentifiers.siretError("1300301330001A").isPresent());
    assertEquals("13003013300016", LegalIdentifiers.normaliseSiret("130 030 133 00016"));
  }

  @Test
  void rnaIsWFollowedByNineDigits() {
    assertTrue(LegalIdentifiers.rnaError("W802001234").isEmpty());
    assertEquals("W802001234", LegalIdentifiers.normaliseRna(" w802 001 234"));
    assertTrue(LegalIdentifiers.rnaError("W80200123").isPresent());
    assertTrue(LegalIdentifiers.rnaError("X802001234").isPresent());
    assertTrue(LegalIdentifiers.rnaError("W80200123A").isPresent());
  }
}
