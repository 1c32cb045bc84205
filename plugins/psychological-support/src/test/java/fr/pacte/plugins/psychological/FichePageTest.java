package fr.pacte.plugins.psychological;

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
    assertTrue(html.startsWith("<h1>Equilibre émotionnel et psychologique</h1>"), html);
    assertEquals("Equilibre émotionnel et psychologique", FichePage.title(PsychologicalSupportActionType.DESCRIPTOR));
    for (String text : List.of(
        "accompagnement individuel (file active)",
        "personnes en file active",
        "<h2 id=\"public-titre\">Publics cibles et prérequis</h2>",
        "<p>Allocataires du RSA présentant une problématique liée à la santé mentale",
        "Seuls les bénéficiaires du RSA sont éligibles.",
        "<li>Entrées et sorties permanentes</li>",
        "<li>12 mois maximum</li>",
        "<li>Pas de renouvellement prévu</li>",
        "Apporter un appui aux professionnels sur les sujets liés à l&#39;équilibre émotionnel et psychologique",
        "Articulation avec les référents RSA qui assurent de leur côté les démarches d&#39;accès aux droits",
        "Stabilisation de l&#39;état de santé : oui ou non",
        "<li>Poursuite de l&#39;accompagnement par le référent RSA</li>",
        "<li>Nombre de personnes ayant repris un parcours de soin <span class=\"unit\">(en personnes)</span></li>",
        "<h2 id=\"attendus-titre\">Attendus en fin d&#39;action</h2>",
        "<li>Reprise de l&#39;accompagnement par le référent de parcours</li>",
        "<li>Modalité, rythme et intensité des accompagnements</li>",
        "<li>Modélisation de l&#39;accompagnement proposé</li>",
        "Gestion des équilibres émotionnels et psychologiques")) {
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
    pebble.getTemplate(FichePage.TEMPLATE).evaluate(out, FichePage.model(PsychologicalSupportActionType.DESCRIPTOR));
    return out.toString();
  }
}
