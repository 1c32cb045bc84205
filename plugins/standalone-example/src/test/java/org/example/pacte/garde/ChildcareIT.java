package org.example.pacte.garde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.pacte.testkit.ActionTypePluginContract;
import org.junit.jupiter.api.Test;

/** The built jar in a real platform with two tenants, enabled for the Somme only. */
class ChildcareIT extends ActionTypePluginContract {

  ChildcareIT() {
    super("modes-de-garde", "modes-de-garde", "Faciliter l'accès aux modes de garde");
  }

  @Test
  void thePageCountsInPlacesOfItsOwn() {
    assertEquals("places-de-garde", servedDescriptor().getJsonObject("capacity").getString("code"));
    assertPageShows("besoins et places comptés en places de garde.");
  }
}
