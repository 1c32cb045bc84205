package fr.pacte.plugins.iae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Renders the fiche template with Pebble's defaults (auto-escaping on) and with strict variables, as the host may. */
class FichePageTest {

  @Test
  void showsTheWholeFiche() throws IOException {
    String html = render(false);
    assertTrue(html.startsWith("<h1>Préparation et sécurisation de l&#39;entrée en IAE</h1>"), html);
    assertEquals("Préparation et sécurisation de l'entrée en IAE", FichePage.title(IaePreparationActionType.DESCRIPTOR));
    for (String text : List.of(
        "accompagnement individuel (file active)",
        "personnes en file active",
        "<h2 id=\"public-titre\">Publics cibles et prérequis</h2>",
        "<p>Candidats souhaitant s&#39;orienter vers l&#39;IAE et ayant besoin",
        "<p>Candidats non retenus sur la plateforme de l&#39;inclusion</p>",
        "Tous les publics éligibles à l&#39;IAE.",
        "<li>Entrées et sorties permanentes</li>",
        "<li>4 mois maximum</li>",
        "<li>Pas de renouvellement prévu</li>",
        "<li>Animer la découverte des SIAE en territoire avec ces dernières</li>",
        "<li>Il revient au partenaire d&#39;établir les liaisons nécessaires avec le référent de parcours",
        "Nombre de positionnements sur la plateforme de l&#39;inclusion : nombre",
        "Recrutement en SIAE : oui ou non",
        "<li>Nombre de recrutements en SIAE <span class=\"unit\">(en recrutements)</span></li>",
        "<h2 id=\"attendus-titre\">Attendus en fin d&#39;action</h2>",
        "<li>Solution apportée aux SIAE en termes de recrutement</li>",
        "<li>Qualité de la méthodologie et de la pédagogie déployée</li>",
        "<li>Modélisation de l&#39;accompagnement proposé</li>",
        "PREPARATION ENTREE IAE")) {
      assertTrue(html.contains(text), text);
    }
    assertFalse(html.contains("<script"));
  }

  @Test
  void headingsGoDownFromTheH1() throws IOException {
    String html = render(false);
    List<String> levels = new ArrayList<>();
    Matcher heading = Pattern.compile("<h([1-6])").matcher(html);
    while (heading.find()) {
      levels.add(heading.group(1));
    }
    assertEquals("1", levels.get(0));
    assertEquals(1, levels.stream().filter("1"::equals).count(), "one h1");
    assertTrue(levels.stream().skip(1).allMatch("2"::equals), levels.toString());
    assertEquals(11, levels.size(), "the h1, the nine sections of the fiche and the notes");
  }

  @Test
  void rendersUnderStrictVariables() throws IOException {
    assertTrue(render(true).startsWith("<h1>"));
  }

  private static String render(boolean strict) throws IOException {
    PebbleEngine pebble = new PebbleEngine.Builder().loader(new ClasspathLoader()).strictVariables(strict).build();
    StringWriter out = new StringWriter();
    pebble.getTemplate(FichePage.TEMPLATE).evaluate(out, FichePage.model(IaePreparationActionType.DESCRIPTOR));
    return out.toString();
  }
}
