package fr.pacte.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CapacityMeasureTest {

  @Test
  void aUnitOfItsOwnReadsSingularForZeroAndOneAsFrenchDoes() {
    CapacityMeasure places = CapacityMeasure.own("places-de-garde", LocalizedText.of("places de garde", "childcare places"),
        LocalizedText.of("place de garde", "childcare place"), true);
    assertEquals("place de garde", places.label(0).fr());
    assertEquals("place de garde", places.label(1).fr());
    assertEquals("places de garde", places.label(2).fr());
    assertEquals("childcare places", places.label(12).en());
  }

  @Test
  void aUnitGivenWithItsPluralOnlyUsesItForOneToo() {
    CapacityMeasure hours = CapacityMeasure.own("heures", LocalizedText.fr("heures d'accueil"), false);
    assertEquals("heures d'accueil", hours.label(1).fr());
  }

  @Test
  void theCallsUnitsHaveTheirSingular() {
    assertEquals("personne en file active", CapacityMeasure.of(CapacityUnit.PEOPLE_IN_FILE_ACTIVE).label(1).fr());
    assertEquals("ateliers par an", CapacityMeasure.of(CapacityUnit.WORKSHOPS_PER_YEAR).label(192).fr());
  }
}
