package org.example.pacte.garde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.Eligibility;
import fr.pacte.testkit.PublishedFiche;
import fr.pacte.testkit.SeedFicheContract;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The descriptor against the fiche as published, kept in the test resources. */
class ChildcareActionTypeTest extends SeedFicheContract {

  ChildcareActionTypeTest() throws IOException {
    super(ChildcareActionType.DESCRIPTOR,
        PublishedFiche.of(PublishedFiche.resource(ChildcareActionTypeTest.class, "/fiche-modes-de-garde.txt"),
                "FACILITER L'ACCES AUX MODES DE GARDE")
            .publicUnder("PUBLIC CIBLE")
            .indicatorsUnder("INDICATEURS")
            .outcomesUnder("SITUATION D'ARRIVEE SOUHAITEE"));
  }

  @Test
  void placesOfItsOwnTakenByOnePersonAtATime() {
    assertEquals("places de garde", ChildcareActionType.DESCRIPTOR.capacity().label().fr());
    assertTrue(ChildcareActionType.DESCRIPTOR.capacity().countsPeopleAtOnce());
  }

  @Test
  void openToThePublicInInsertionWithoutQuota() {
    Eligibility eligibility = ChildcareActionType.DESCRIPTOR.eligibility();
    assertEquals(Eligibility.Kind.OWN, eligibility.kind());
    assertEquals("public-en-insertion", eligibility.rule().code());
    assertTrue(eligibility.admits(false, false), "no RSA nor IAE condition");
  }
}
