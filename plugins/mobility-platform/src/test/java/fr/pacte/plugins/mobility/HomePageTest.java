package fr.pacte.plugins.mobility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.vertx.core.MultiMap;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Renders home.peb with Pebble's defaults (auto-escaping on), as the host's layout will. */
class HomePageTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
  private static final PebbleEngine PEBBLE = new PebbleEngine.Builder().loader(new ClasspathLoader()).build();

  @Test
  void showsTheFicheTheCountAndAnEmptyForm() throws IOException {
    String html = render(HomePage.Form.blank(TODAY), overview(0), List.of(), false);
    assertTrue(html.startsWith("<h1>Plateforme mobilité solidaire</h1>"));
    assertTrue(html.contains("Aucune sollicitation enregistrée pour l&#39;instant."));
    assertTrue(html.contains("Tous publics vulnérables ou en insertion dont 70% de BRSA"));
    assertTrue(html.contains("<li>6 mois maximum</li>"));
    assertTrue(html.contains("<li>Renouvellement si accompagnement au permis</li>"));
    for (String text : List.of("Nombre de sollicitations des plateforme mobilité", "Accès à une solution de mobilité pérenne",
        "Qualité de la méthodologie et de la pédagogie déployée", "au travers notamment la plateforme DORA",
        "Fiche descriptive synthétique de l&#39;action destinée aux prescripteurs et aux publics", "75 %")) {
      assertTrue(html.contains(text), text);
    }
    assertTrue(html.contains("value=\"2026-11-22\" required"), "the date defaults to today");
    assertTrue(html.contains("max=\"2026-11-22\""));
    assertTrue(html.contains("<label for=\"receivedOn\">Date de réception *</label>"));
    assertTrue(html.contains("<input type=\"hidden\" name=\"_csrf\" value=\"\">"), "csrfToken comes from the host");
    assertFalse(html.contains("aria-invalid"));
    assertFalse(html.contains("role=\"alert\""));
    assertFalse(html.contains("role=\"status\""));
    assertFalse(html.contains("<table>"), "no table without sollicitations");
    assertFalse(html.contains("<datalist"), "no suggestions without configured territories");
  }

  @Test
  void confirmsASaveAndListsTheLatest() throws IOException {
    String html = render(HomePage.Form.blank(TODAY), overview(1234), List.of("Amiens", "Cinq Vallées"), true);
    assertTrue(html.contains("<p>La sollicitation a été enregistrée.</p>"));
    assertTrue(html.contains("1\u202f234 sollicitations enregistrées.") || html.contains("1\u00a0234 sollicitations enregistrées."));
    assertTrue(html.contains("<time datetime=\"2026-11-02\">02/11/2026</time>"));
    assertTrue(html.contains("<td>Téléphone</td>"));
    assertTrue(html.contains("<td>Non précisé</td>"));
    assertTrue(html.contains("list=\"territory-suggestions\""));
    assertTrue(html.contains("<option value=\"Cinq Vallées\"></option>"));
  }

  @Test
  void reRendersInvalidInputWithMessagesNextToTheFieldsAndEscapedValues() throws IOException {
    SolicitationInput.Parsed parsed = SolicitationInput.parse(MultiMap.caseInsensitiveMultiMap()
        .add("receivedOn", "2026-12-25")
        .add("territory", "Amiens\"><script>alert(1)</script>")
        .add("channel", "mail")
        .add("reason", "</textarea><script>alert(2)</script>"), TODAY);
    HomePage.Form form = HomePage.Form.of(parsed);
    assertEquals("Erreur de saisie – Plateforme mobilité solidaire", HomePage.title(form));
    String html = render(form, overview(3), List.of(), false);
    assertTrue(html.contains("role=\"alert\""));
    assertTrue(html.contains("<a href=\"#receivedOn\">La date de réception ne peut pas être postérieure à aujourd&#39;hui.</a>"));
    assertTrue(html.contains("<p class=\"error-message\" id=\"receivedOn-error\">La date de réception ne peut pas être"));
    assertTrue(html.contains("aria-describedby=\"receivedOn-hint receivedOn-error\""));
    assertTrue(html.contains("aria-invalid=\"true\""));
    assertTrue(html.contains("value=\"2026-12-25\""), "the typed date is kept");
    assertTrue(html.contains("<option value=\"mail\" selected>Mail</option>"), "the chosen channel is kept");
    assertTrue(html.contains("Amiens&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;</textarea>"));
    assertFalse(html.contains("<script>"));
  }

  @Test
  void rendersUnderStrictVariablesWithTheHostsCsrfToken() throws IOException {
    PebbleEngine strict = new PebbleEngine.Builder().loader(new ClasspathLoader()).strictVariables(true).build();
    SolicitationInput.Parsed invalid = SolicitationInput.parse(MultiMap.caseInsensitiveMultiMap().add("channel", "fax"), TODAY);
    for (HomePage.Form form : List.of(HomePage.Form.blank(TODAY), HomePage.Form.of(invalid))) {
      Map<String, Object> model = new HashMap<>(HomePage.model(MobilityPlatformActionType.DESCRIPTOR, overview(1), form,
          TODAY, List.of(), false));
      model.put("csrfToken", "abc\"123");
      StringWriter out = new StringWriter();
      strict.getTemplate(HomePage.TEMPLATE).evaluate(out, model);
      assertTrue(out.toString().contains("<input type=\"hidden\" name=\"_csrf\" value=\"abc&quot;123\">"));
    }
  }

  @Test
  void countTextAgreesWithTheNumber() {
    assertEquals("Aucune sollicitation enregistrée pour l'instant.", HomePage.countText(0));
    assertEquals("1 sollicitation enregistrée.", HomePage.countText(1));
    assertEquals("2 sollicitations enregistrées.", HomePage.countText(2));
  }

  private static SolicitationStore.Overview overview(long count) {
    if (count == 0) {
      return new SolicitationStore.Overview(0, List.of());
    }
    return new SolicitationStore.Overview(count, List.of(
        new Solicitation(2, LocalDate.of(2026, 11, 2), "Amiens", "telephone", null,
            OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC))));
  }

  private static String render(HomePage.Form form, SolicitationStore.Overview overview, List<String> territories,
      boolean saved) throws IOException {
    Map<String, Object> model = HomePage.model(MobilityPlatformActionType.DESCRIPTOR, overview, form, TODAY, territories,
        saved);
    StringWriter out = new StringWriter();
    PEBBLE.getTemplate(HomePage.TEMPLATE).evaluate(out, model);
    return out.toString();
  }
}
