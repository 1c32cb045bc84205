package fr.pacte.server.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.web.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The letters' French wording from the default templates, and amounts typed in euros on the selection page. */
class LetterTest {

  private static Map<String, Object> values(boolean selected) {
    Map<String, Object> project = new HashMap<>();
    project.put("lot", "Plateforme mobilité solidaire");
    project.put("title", "");
    project.put("territories", "amiens, cinq-vallees");
    project.put("selected", selected);
    project.put("amount", CallForProjects.euros(10_500_000L));
    project.put("requested", CallForProjects.euros(12_000_000L));
    Map<String, Object> values = new HashMap<>();
    values.put("departement", "Département de la Somme");
    values.put("call", "Plateformes mobilité 2026");
    values.put("organisation", "Association démo");
    values.put("committee", "Commission permanente");
    values.put("committeeDate", "13 avril 2026");
    values.put("deliberation", "CP-2026-04-13-27");
    values.put("date", "14 avril 2026");
    values.put("maxConventionYears", 3);
    values.put("project", project);
    values.put("projects", List.of(project));
    return values;
  }

  @Test
  void theAcceptanceSaysTheAmountTheDeliberationAndTheConventionsLength() {
    String text = Letter.render(Letter.defaultTemplate("acceptance"), values(true));
    assertTrue(text.contains("Par délibération n° CP-2026-04-13-27 du 13 avril 2026, la commission permanente a retenu"), text);
    assertTrue(text.contains("une participation de 105 000 € (montant demandé : 120 000 €)"), text);
    assertTrue(text.contains("d'une durée de 3 ans"), text);
  }

  @Test
  void theNotificationListsEachProjectWithItsOutcome() {
    String text = Letter.render(Letter.defaultTemplate("notification"), values(true));
    assertTrue(text.contains("– Plateforme mobilité solidaire (amiens, cinq-vallees) : retenu pour un montant de 105 000 €"), text);
    String refused = Letter.render(Letter.defaultTemplate("notification"), values(false));
    assertTrue(refused.contains(": non retenu"), refused);
  }

  @Test
  void aLetterIsAPdf() {
    Letter letter = new Letter("refusal", "mobilite", "refusal.pdf", Letter.label("refusal"), "Département de la Somme",
        Letter.render(Letter.defaultTemplate("refusal"), values(false)));
    byte[] pdf = letter.render();
    assertEquals("%PDF-", new String(pdf, 0, 5, StandardCharsets.US_ASCII));
  }

  @Test
  void amountsAreTypedInEurosTheFrenchWay() {
    List<Problem.FieldError> errors = new ArrayList<>();
    assertEquals(10_500_000L, InstructionPages.euros("105 000", "x", errors));
    assertEquals(10_500_050L, InstructionPages.euros("105 000,50 €", "x", errors));
    assertNull(InstructionPages.euros(" ", "x", errors));
    assertTrue(errors.isEmpty());
    assertNull(InstructionPages.euros("105,005", "negotiated", errors));
    assertEquals("negotiated", errors.get(0).field());
  }
}
