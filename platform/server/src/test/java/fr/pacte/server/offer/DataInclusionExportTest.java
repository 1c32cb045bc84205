package fr.pacte.server.offer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.tenancy.Tenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DataInclusionExportTest {

  private static final DataInclusionExport.Source SOMME = new DataInclusionExport.Source("somme", "Département de la Somme", "80",
      "https://pacte.example");
  private static final List<Tenant.Territory> TERRITORIES = List.of(
      new Tenant.Territory("territoire-action-sociale", "amiens", "Amiens", null, null),
      new Tenant.Territory("territoire-action-sociale", "cinq-vallees", "Cinq Vallées", null, null));
  private static final UUID ID = UUID.fromString("0b8f7c5e-5d1c-4a53-9a57-3c2f0d2e6f10");
  private static final Organisation ASSOCIATION = new Organisation("association-demo", "operator", "Association de démonstration",
      "13003013300016", "W802001234", "Association loi 1901", new Organisation.Address("1 rue de la République", "80000", "Amiens"),
      new Organisation.Person("Jeanne Martin", "présidente"),
      List.of(new Organisation.Contact("Paul Durand", "coordinateur", "contact@example.org", "03 22 00 00 00")), List.of("amiens"),
      3, OffsetDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneOffset.UTC));
  private static final OfferItem WORKSHOPS = new OfferItem(ID, "remobilisation-sociale", "association-demo",
      "Association de démonstration", "Ateliers de remobilisation", "Ateliers collectifs de remise en dynamique.",
      LocalDate.of(2026, 1, 1), LocalDate.of(2028, 12, 31), "Mardi et jeudi, 9 h - 12 h", List.of("Département"),
      "pdi-pti-2022-2025/1-1-1", List.of("remobilisation--lien-social", "remobilisation--bien-etre-confiance-en-soi"),
      List.of("beneficiaires-des-minimas-sociaux"), "ateliers@example.org", null, "",
      List.of(new OfferItem.Place("amiens", 354, 10), new OfferItem.Place("cinq-vallees", 192, 0)), 2,
      OffsetDateTime.of(2026, 4, 15, 23, 30, 0, 0, ZoneOffset.ofHours(-2)));

  @Test
  void v1UsesTheCurrentSchemasFieldNames() {
    JsonObject export = DataInclusionExport.v1(SOMME, List.of(WORKSHOPS), Map.of(ASSOCIATION.id(), ASSOCIATION), OfferFixtures.TYPES,
        TERRITORIES);
    JsonObject service = export.getJsonArray("services").getJsonObject(0);
    assertEquals(Set.of("source", "structure_id", "id", "nom", "description", "lien_source", "date_maj", "type", "zone_eligibilite",
        "thematiques", "publics", "publics_precisions", "conditions_acces", "courriel"), service.fieldNames());
    assertEquals("pacte-somme", service.getString("source"));
    assertEquals("pacte-somme--" + ID, service.getString("id"));
    assertEquals("pacte-somme--association-demo", service.getString("structure_id"));
    assertEquals("atelier", service.getString("type"));
    assertEquals("2026-04-16", service.getString("date_maj"), "the date of the change in UTC");
    assertEquals(new JsonArray().add("80"), service.getJsonArray("zone_eligibilite"));
    assertEquals("https://pacte.example/t/somme/offre#offre-" + ID, service.getString("lien_source"));
    assertTrue(service.getString("description").contains("Territoires : Amiens, Cinq Vallées."), service.getString("description"));
    assertTrue(service.getString("description").contains("Période : du 01/01/2026 au 31/12/2028."));
    assertEquals("Seuls les bénéficiaires du RSA sont éligibles", service.getString("conditions_acces"));

    JsonObject structure = export.getJsonArray("structures").getJsonObject(0);
    assertEquals("pacte-somme--association-demo", structure.getString("id"));
    assertEquals("13003013300016", structure.getString("siret"));
    assertEquals("80000", structure.getString("code_postal"));
    assertEquals("Amiens", structure.getString("commune"));
    assertEquals("contact@example.org", structure.getString("courriel"));
    assertFalse(structure.containsKey("rna"), "v1 structures have no rna field");
  }

  @Test
  void v0KeepsTheFieldNamesDoraLongUsed() {
    JsonObject export = DataInclusionExport.v0(SOMME, List.of(WORKSHOPS), Map.of(ASSOCIATION.id(), ASSOCIATION), OfferFixtures.TYPES,
        TERRITORIES);
    JsonObject service = export.getJsonArray("services").getJsonObject(0);
    assertEquals("Ateliers collectifs de remise en dynamique.", service.getString("presentation_resume"));
    assertEquals(new JsonArray().add("atelier"), service.getJsonArray("types"));
    assertEquals(new JsonArray().add("beneficiaires-rsa"), service.getJsonArray("profils"));
    assertEquals("departement", service.getString("zone_diffusion_type"));
    assertEquals("80", service.getString("zone_diffusion_code"));
    assertEquals("Département de la Somme", service.getString("zone_diffusion_nom"));
    assertEquals(2, service.getJsonArray("thematiques").size(), "both thematics exist in v0 too");
    assertEquals("W802001234", export.getJsonArray("structures").getJsonObject(0).getString("rna"));
  }

  @Test
  void theSummaryFitsV0sLimit() {
    String resume = DataInclusionExport.resume("x ".repeat(400));
    assertEquals(280, resume.length());
    assertTrue(resume.endsWith("…"));
  }
}
