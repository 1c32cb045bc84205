package fr.pacte.server.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashesWithArgon2idAndASaltAndVerifiesOnlyTheRightPassword() {
    String first = hasher.hash("Somme-2026!");
    String second = hasher.hash("Somme-2026!");
    assertTrue(first.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), first);
    assertNotEquals(first, second, "each hash has its own salt");
    assertTrue(hasher.verify("Somme-2026!", first));
    assertFalse(hasher.verify("somme-2026!", first));
    assertFalse(hasher.verify("Somme-2026!", "$argon2id$garbage"));
    assertFalse(hasher.verify("Somme-2026!", null));
    assertFalse(hasher.needsRehash(first));
    assertTrue(hasher.needsRehash("$argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"));
  }

  @Test
  void aTamperedOrTruncatedHashIsARefusalNotAnError() {
    String weak = "$argon2id$v=19$m=4096,t=1,p=1$" + java.util.Base64.getEncoder().withoutPadding()
        .encodeToString("saltsaltsaltsalt".getBytes()) + "$";
    String stored = hasher.hash("x");
    assertTrue(hasher.verify("x", stored));
    assertFalse(hasher.verify("x", weak + "AAAA"));
  }
}
