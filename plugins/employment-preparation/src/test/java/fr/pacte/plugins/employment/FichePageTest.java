package fr.pacte.plugins.employment;

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
    assertTrue(html.startsWith("<h1>Préparation à l&#39;emploi</h1>"), html);
    assertEquals("Préparation à l'emploi", FichePage.title(EmploymentPreparationActionType.DESCRIPTOR));
    for (String text : List.of(
        "ateliers collectifs,",
        "besoins et places comptés en ateliers par an",
        "<h2 id=\"public-titre\">Publics cibles</h2>",
        "<p>Allocataires du RSA dont les freins ont été résolus",
        "Seuls les bénéficiaires du RSA sont éligibles.",
        "<li>Entrées et sorties permanentes</li>",
        "<li>Pas de durée maximale fixée par la fiche</li>",
        "<li>Pas de renouvellement prévu</li>",
        "<li>Ateliers collectifs sur des thématiques spécifiques :</li>",
        "formation à l&#39;outil « immersion facilité », recherche d&#39;une immersion</li>",
        "Thématiques des ateliers suivis : un ou plusieurs choix parmi",
        "<li>Visites d&#39;entreprises et de plateaux techniques</li>",
        "Accès à l&#39;emploi : oui ou non",
        "<li>Accès à l&#39;emploi des participants <span class=\"unit\">(en participants)</span></li>",
        "<h2 id=\"attendus-titre\">Attendus suite à la participation aux ateliers</h2>",
        "<li>Evolution vers un parcours emploi au sein de France Travail</li>",
        "<li>Inscription des ateliers dans des modules permettant de maintenir une logique de parcours</li>",
        "<li>Préprojet de programmation d&#39;ateliers</li>")) {
      assertTrue(html.contains(text), text);
    }
    assertFalse(html.contains("mois maximum"));
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
    pebble.getTemplate(FichePage.TEMPLATE).evaluate(out, FichePage.model(EmploymentPreparationActionType.DESCRIPTOR));
    return out.toString();
  }
}
