package fr.pacte.plugins.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.FieldError;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolicitationInputTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

  @Test
  void acceptsACompleteJsonBody() {
    SolicitationInput.Parsed parsed = SolicitationInput.parse(new JsonObject()
        .put("receivedOn", "2026-11-02")
        .put("territory", "  Picardie Maritime ")
        .put("channel", "telephone")
        .put("reason", "Besoin d'un deux-roues pour un emploi"), TODAY);
    assertTrue(parsed.valid(), parsed.errors().toString());
    assertEquals(new SolicitationInput(LocalDate.of(2026, 11, 2), "Picardie Maritime", SolicitationChannel.TELEPHONE,
        "Besoin d'un deux-roues pour un emploi"), parsed.input());
  }

  @Test
  void onlyTheDateIsRequired() {
    SolicitationInput.Parsed parsed = SolicitationInput.parse(new JsonObject()
        .put("receivedOn", "2026-11-22").put("territory", "   ").put("channel", "").putNull("reason"), TODAY);
    assertTrue(parsed.valid(), parsed.errors().toString());
    assertEquals(new SolicitationInput(TODAY, null, null, null), parsed.input());
  }

  @Test
  void missingDateIsReportedOnItsField() {
    SolicitationInput.Parsed parsed = SolicitationInput.parse(new JsonObject(), TODAY);
    assertFalse(parsed.valid());
    assertNull(parsed.input());
    assertEquals(List.of(new FieldError("receivedOn", "Date de réception : indiquez la date : choisissez-la dans le calendrier"
        + " ou écrivez-la JJ/MM/AAAA, par exemple 31/12/2025.")), parsed.errors());
    assertFalse(parsed.errors().get(0).message().contains("AAAA-MM-JJ"), "the API's ISO form asked of people");
  }

  @Test
  void takesTheDayAsPeopleTypeItOrAsTheDatePickerSendsIt() {
    assertEquals(LocalDate.of(2026, 11, 2), SolicitationInput.parse(new JsonObject().put("receivedOn", "02/11/2026")
        .put("channel", "mail"), TODAY).input().receivedOn());
    assertEquals(LocalDate.of(2026, 11, 2), SolicitationInput.parse(new JsonObject().put("receivedOn", "2026-11-02")
        .put("channel", "mail"), TODAY).input().receivedOn());
  }

  @Test
  void refusesWhatIsNotADayOrNotPlausible() {
    assertOnlyError(new JsonObject().put("receivedOn", "le 2 novembre"), "receivedOn", SolicitationInput.RECEIVED_ON_INVALID);
    assertOnlyError(new JsonObject().put("receivedOn", "30/02/2026"), "receivedOn", SolicitationInput.RECEIVED_ON_INVALID);
    assertOnlyError(new JsonObject().put("receivedOn", "2026-02-30"), "receivedOn", SolicitationInput.RECEIVED_ON_INVALID);
    assertOnlyError(new JsonObject().put("receivedOn", 20261102), "receivedOn", SolicitationInput.RECEIVED_ON_INVALID);
    assertOnlyError(new JsonObject().put("receivedOn", "2026-11-23"), "receivedOn", SolicitationInput.RECEIVED_ON_FUTURE);
    assertOnlyError(new JsonObject().put("receivedOn", "0202-11-02"), "receivedOn", SolicitationInput.RECEIVED_ON_TOO_OLD);
  }

  @Test
  void channelIsACodeOrItsFrenchLabel() {
    assertEquals(SolicitationChannel.TELEPHONE, parseChannel("Téléphone"));
    assertEquals(SolicitationChannel.ACCUEIL_PHYSIQUE, parseChannel("accueil physique"));
    assertEquals(SolicitationChannel.ACCUEIL_PHYSIQUE, parseChannel("accueil_physique"));
    assertEquals(SolicitationChannel.PARTENAIRE, parseChannel("PARTENAIRE"));
    assertOnlyError(valid().put("channel", "pigeon voyageur"), "channel",
        "Le canal doit être l'un des suivants : accueil physique, téléphone, mail, partenaire.");
    assertOnlyError(valid().put("channel", new JsonArray().add("mail")), "channel", SolicitationInput.CHANNEL_UNKNOWN);
  }

  @Test
  void textsHaveTheDatabaseLimits() {
    assertTrue(SolicitationInput.parse(valid().put("territory", "a".repeat(120)), TODAY).valid());
    assertOnlyError(valid().put("territory", "a".repeat(121)), "territory", "Le territoire ne doit pas dépasser 120 caractères.");
    assertTrue(SolicitationInput.parse(valid().put("reason", "é".repeat(500)), TODAY).valid());
    assertOnlyError(valid().put("reason", "é".repeat(501)), "reason", "Le motif ne doit pas dépasser 500 caractères.");
    assertOnlyError(valid().put("territory", 80), "territory", SolicitationInput.TERRITORY_NOT_TEXT);
    assertOnlyError(valid().put("reason", new JsonObject()), "reason", SolicitationInput.REASON_NOT_TEXT);
  }

  @Test
  void reportsEveryWrongFieldAtOnce() {
    SolicitationInput.Parsed parsed = SolicitationInput.parse(new JsonObject()
        .put("territory", "t".repeat(200)).put("channel", "fax").put("reason", "r".repeat(600)), TODAY);
    assertEquals(List.of("receivedOn", "territory", "channel", "reason"),
        parsed.errors().stream().map(FieldError::field).toList());
  }

  @Test
  void formSubmissionKeepsWhatWasTyped() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("receivedOn", "")
        .add("territory", "Amiens")
        .add("channel", "mail")
        .add("reason", "<b>code de la route</b>")
        .add("_csrf", "token");
    SolicitationInput.Parsed parsed = SolicitationInput.parse(form, TODAY);
    assertEquals(List.of(new FieldError("receivedOn", SolicitationInput.RECEIVED_ON_REQUIRED)), parsed.errors());
    assertEquals("Amiens", parsed.values().get("territory"));
    assertEquals("mail", parsed.values().get("channel"));
    assertEquals("<b>code de la route</b>", parsed.values().get("reason"));
    assertEquals("", parsed.values().get("receivedOn"));
  }

  @Test
  void validFormSubmission() {
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("receivedOn", "2026-11-02")
        .add("territory", "Somme-Santerre")
        .add("channel", "accueil_physique")
        .add("reason", "");
    SolicitationInput.Parsed parsed = SolicitationInput.parse(form, TODAY);
    assertEquals(new SolicitationInput(LocalDate.of(2026, 11, 2), "Somme-Santerre", SolicitationChannel.ACCUEIL_PHYSIQUE,
        null), parsed.input());
  }

  private static JsonObject valid() {
    return new JsonObject().put("receivedOn", "2026-11-02");
  }

  private static SolicitationChannel parseChannel(String channel) {
    SolicitationInput.Parsed parsed = SolicitationInput.parse(valid().put("channel", channel), TODAY);
    assertTrue(parsed.valid(), parsed.errors().toString());
    return parsed.input().channel();
  }

  private static void assertOnlyError(JsonObject body, String field, String message) {
    SolicitationInput.Parsed parsed = SolicitationInput.parse(body, TODAY);
    assertEquals(List.of(new FieldError(field, message)), parsed.errors(), body.encode());
  }
}
