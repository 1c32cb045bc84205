package fr.pacte.server.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.pacte.server.web.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OfferInputTest {

  private static final Set<String> TERRITORIES = Set.of("amiens", "picardie-maritime", "cinq-vallees");

  private static JsonObject workshops() {
    return new JsonObject().put("actionType", "remobilisation-sociale").put("organisation", "association-demo")
        .put("title", "Ateliers de remobilisation").put("periodStart", "2026-01-01").put("periodEnd", "2028-12-31")
        .put("schedule", "Mardi et jeudi, 9 h - 12 h")
        .put("places", new JsonArray().add(new JsonObject().put("territory", "amiens").put("capacity", 354).put("taken", 12)));
  }

  @Test
  void readsAnItemAndGivesRsaOnlyActionsTheirPublic() {
    OfferItem item = OfferInput.parse(workshops(), OfferFixtures.TYPES, TERRITORIES);
    assertEquals(354, item.capacity());
    assertEquals(342, item.left());
    assertEquals(List.of("beneficiaires-des-minimas-sociaux"), item.publics());
  }

  @Test
  void workshopsNeedASchedulePlacesAndAnEnabledType() {
    Map<String, String> errors = errors(workshops().put("schedule", " ").put("places", new JsonArray()));
    assertEquals("Indiquez le calendrier des ateliers (jours, horaires, fréquence) : c'est une action collective.", errors.get("schedule"));
    assertEquals("Indiquez les places offertes sur au moins un territoire.", errors.get("places"));
    assertEquals("Le type d'action « preparation-entree-iae » n'est pas activé pour ce département.",
        errors(workshops().put("actionType", "preparation-entree-iae")).get("actionType"));
  }

  @Test
  void refusesUnknownTerritoriesVocabularyAndBadFigures() {
    JsonObject input = workshops()
        .put("places", new JsonArray().add(new JsonObject().put("territory", "lille").put("capacity", 3))
            .add(new JsonObject().put("territory", "amiens").put("capacity", -1)))
        .put("thematiques", new JsonArray().add("mobilite--preparer-un-permis").add("cuisine"))
        .put("publics", new JsonArray().add("tous-publics").add("jeunes"))
        .put("periodEnd", "2025-12-31")
        .put("programmeAction", "1-1-1");
    Map<String, String> errors = errors(input);
    assertEquals("Territoire inconnu dans ce département : « lille ».", errors.get("places"));
    assertEquals("Le nombre de places est un entier positif.", errors.get("places.amiens.capacity"));
    assertEquals("Thématique inconnue du référentiel data·inclusion : « cuisine ».", errors.get("thematiques"));
    assertEquals("« Tous publics » ne se combine pas avec d'autres publics.", errors.get("publics"));
    assertEquals("La date de fin précède la date de début.", errors.get("periodEnd"));
    assertEquals(true, errors.get("programmeAction").contains("pdi-pti-2022-2025/1-1-1"));
  }

  @Test
  void aFormBecomesTheSameJson() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("actionType", "plateforme-mobilite-solidaire").add("organisation", "association-demo").add("title", "Plateforme")
        .add("periodStart", "2026-01-01").add("periodEnd", "2028-12-31").add("funders", "Département\r\n\r\nFSE+\n")
        .add("places.amiens.capacity", "70").add("places.amiens.taken", "").add("places.cinq-vallees.capacity", "")
        .add("thematiques", "mobilite--preparer-un-permis").add("thematiques", "mobilite--acceder-a-un-vehicule");
    OfferItem item = OfferInput.parse(OfferInput.fromForm(form, List.of("amiens", "cinq-vallees")), OfferFixtures.TYPES, TERRITORIES);
    assertEquals(List.of("Département", "FSE+"), item.funders());
    assertEquals(List.of(new OfferItem.Place("amiens", 70, 0)), item.places());
    assertEquals(List.of("mobilite--preparer-un-permis", "mobilite--acceder-a-un-vehicule"), item.thematiques());
    assertEquals(List.of(), item.publics(), "an action open to all gets no public by default");
  }

  private static Map<String, String> errors(JsonObject input) {
    Problem problem = assertThrows(Problem.class, () -> OfferInput.parse(input, OfferFixtures.TYPES, TERRITORIES));
    return problem.errors().stream().collect(Collectors.toMap(Problem.FieldError::field, Problem.FieldError::message, (a, b) -> a));
  }
}
