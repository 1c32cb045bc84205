package fr.pacte.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.Eligibility;
import fr.pacte.api.FollowUpMode;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.api.RenewalRule;
import fr.pacte.api.SelectionCriterion;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The host's page of an action type's fiche ({@code templates/action-type.peb}), rendered inside the layout with
 * Pebble's defaults (auto-escaping on), and with strict variables, for a descriptor that fills in every part and for
 * one that fills in only what the API requires.
 */
class ActionTypePageTest {

  /** Every part filled in, with the apostrophes of French and markup where a careless page would let it through. */
  static final ActionTypeDescriptor FULL = new ActionTypeDescriptor(
      "preparation-emploi",
      LocalizedText.of("Préparation à l'emploi", "Employment preparation"),
      FollowUpMode.INDIVIDUAL_FOLLOW_UP,
      CapacityUnit.PEOPLE_IN_FILE_ACTIVE,
      LocalizedText.fr("Allocataires du RSA ayant besoin d'un soutien\nCandidats non retenus sur la plateforme"),
      Eligibility.openWithRsaQuota(70, LocalizedText.fr("Tous publics vulnérables dont 70% de BRSA")),
      LocalizedText.fr("Entrées et sorties permanentes"),
      6,
      RenewalRule.when(LocalizedText.fr("Renouvellement si accompagnement au permis"), "accompagnement_permis"),
      List.of("Lever les freins à l'emploi", "Objectif <script>alert(1)</script>"),
      List.of("Ateliers collectifs sur des thématiques spécifiques :"),
      List.of(
          ParticipationField.of("diagnostic", LocalizedText.fr("Diagnostic d'entrée"), ParticipationField.Type.TEXT),
          ParticipationField.of("accompagnement_permis", LocalizedText.fr("Accompagnement au permis"),
              ParticipationField.Type.BOOLEAN),
          ParticipationField.of("entree", LocalizedText.fr("Date d'entrée"), ParticipationField.Type.DATE),
          ParticipationField.of("ateliers", LocalizedText.fr("Nombre d'ateliers suivis"), ParticipationField.Type.NUMBER),
          ParticipationField.choice("resultat", LocalizedText.fr("Résultat"), false,
              List.of(LocalizedText.fr("Obtenu"), LocalizedText.fr("Non obtenu"))),
          ParticipationField.choice("thematiques", LocalizedText.fr("Thématiques des ateliers suivis"), true,
              List.of(LocalizedText.fr("Découverte de l'offre de formation")))),
      List.of(new IndicatorDefinition("recrutements", LocalizedText.fr("Nombre de recrutements en SIAE"), "recrutements")),
      List.of("Evolution vers un parcours emploi"),
      List.of(new SelectionCriterion("qualite", LocalizedText.fr("Qualité de la méthodologie"))),
      List.of("Préprojet de programmation d'ateliers"),
      List.of("La fiche écrit « parcours de soin » & « parcours de soins »"));

  /** Only what the API requires: no duration, no renewal, empty lists, no notes. */
  static final ActionTypeDescriptor BARE = new ActionTypeDescriptor(
      "remobilisation-sociale",
      LocalizedText.fr("Remobilisation sociale"),
      FollowUpMode.COLLECTIVE_WORKSHOPS,
      CapacityUnit.WORKSHOPS_PER_YEAR,
      LocalizedText.fr("Allocataires du RSA"),
      Eligibility.rsaOnly(LocalizedText.fr("Seuls les bénéficiaires du RSA sont éligibles")),
      LocalizedText.fr("Entrées et sorties permanentes"),
      null,
      RenewalRule.none(),
      List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);

  @Test
  void showsEveryPartOfTheFicheInFrench() throws IOException {
    String html = main(render(FULL, false));
    assertTrue(html.startsWith("<h1>Préparation à l&#39;emploi</h1>"), html);
    assertEquals("Préparation à l'emploi", ActionTypePage.title(FULL));
    for (String text : List.of(
        "accompagnement individuel (file active)",
        "besoins et places comptés en personnes en file active.",
        "<h2 id=\"public-titre\">Publics cibles et prérequis</h2>",
        "<p>Allocataires du RSA ayant besoin d&#39;un soutien</p>",
        "<p>Candidats non retenus sur la plateforme</p>",
        "<strong>Éligibilité :</strong> Tous publics vulnérables dont 70% de BRSA.",
        "Part d'allocataires du RSA à atteindre dans la file active :</strong> 70 %.",
        "<li>Entrées et sorties permanentes</li>",
        "<li>6 mois maximum</li>",
        "<li>Renouvellement si accompagnement au permis</li>",
        "<li>Lever les freins à l&#39;emploi</li>",
        "<li>Ateliers collectifs sur des thématiques spécifiques :</li>",
        "Diagnostic d&#39;entrée : texte libre",
        "Accompagnement au permis : oui ou non",
        "Date d&#39;entrée : date",
        "Nombre d&#39;ateliers suivis : nombre",
        "Résultat : un choix parmi",
        "<li>Non obtenu</li>",
        "Thématiques des ateliers suivis : un ou plusieurs choix parmi",
        "<li>Découverte de l&#39;offre de formation</li>",
        "<li>Nombre de recrutements en SIAE <span class=\"muted\">(en recrutements)</span></li>",
        "<h2 id=\"attendus-titre\">Attendus</h2>",
        "<li>Evolution vers un parcours emploi</li>",
        "<li>Qualité de la méthodologie</li>",
        "<li>Préprojet de programmation d&#39;ateliers</li>",
        "<li>La fiche écrit « parcours de soin » &amp; « parcours de soins »</li>")) {
      assertTrue(html.contains(text), text);
    }
  }

  @Test
  void escapesWhatTheDescriptorSays() throws IOException {
    String html = main(render(FULL, false));
    assertTrue(html.contains("<li>Objectif &lt;script&gt;alert(1)&lt;/script&gt;</li>"), html);
    assertNoInlineCode(html);
  }

  @Test
  void headingsGoDownFromTheH1() throws IOException {
    assertEquals(List.of("1", "2", "2", "2", "2", "2", "2", "2", "2", "2", "2"), headingLevels(main(render(FULL, false))),
        "the h1, the nine sections of the fiche and the notes");
    assertEquals(List.of("1", "2", "2"), headingLevels(main(render(BARE, false))),
        "the h1, the public and the rhythm: empty lists have no section");
  }

  @Test
  void saysWhenTheFicheSetsNoDurationNorRenewal() throws IOException {
    String html = main(render(BARE, false));
    assertTrue(html.contains("<li>Pas de durée maximale fixée par la fiche</li>"), html);
    assertTrue(html.contains("<li>Pas de renouvellement prévu</li>"), html);
    assertTrue(html.contains("ateliers collectifs, besoins et places comptés en ateliers par an."), html);
    assertFalse(html.contains("mois maximum"));
    assertFalse(html.contains("Part d'allocataires"), "no quota outside OPEN_WITH_RSA_QUOTA");
    assertFalse(Pattern.compile("<ul>\\s*</ul>").matcher(html).find(), "no empty list");
    assertFalse(html.contains("Remarques"));
  }

  @Test
  void aRenewalWithoutAStatedConditionIsStillShown() throws IOException {
    ActionTypeDescriptor renewable = new ActionTypeDescriptor("sans-condition", BARE.label(), BARE.mode(),
        BARE.capacityUnit(), BARE.targetPublic(), BARE.eligibility(), BARE.rhythm(), 3, new RenewalRule(true, null, null),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
    String html = main(render(renewable, true));
    assertTrue(html.contains("<li>3 mois maximum</li>"), html);
    assertTrue(html.contains("<li>Renouvellement possible</li>"), html);
  }

  @Test
  void rendersUnderStrictVariables() throws IOException {
    assertTrue(main(render(FULL, true)).startsWith("<h1>"));
    assertTrue(main(render(BARE, true)).startsWith("<h1>"));
  }

  @Test
  void theTemplateIsInTheLayoutWithoutInlineScriptOrStyle() throws IOException {
    String template;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("templates/action-type.peb")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(template.startsWith("{% extends \"layout.peb\" %}"), "inside the host's layout");
    assertFalse(template.contains("| raw"), "everything the descriptor says is escaped");
    assertNoInlineCode(template);
  }

  private static void assertNoInlineCode(String html) {
    String lower = html.toLowerCase(Locale.ROOT);
    for (String forbidden : List.of("<html", "<head", "<body", "<script", "<style", "style=", "onclick", "onload",
        "javascript:")) {
      assertFalse(lower.contains(forbidden), forbidden);
    }
  }

  private static List<String> headingLevels(String html) {
    List<String> levels = new ArrayList<>();
    Matcher heading = Pattern.compile("<h([1-6])").matcher(html);
    while (heading.find()) {
      levels.add(heading.group(1));
    }
    return levels;
  }

  /** What the layout's {@code <main>} holds, trimmed. */
  private static String main(String page) {
    int start = page.indexOf('>', page.indexOf("<main id=\"contenu\"")) + 1;
    return page.substring(start, page.indexOf("</main>")).strip();
  }

  private static String render(ActionTypeDescriptor descriptor, boolean strict) throws IOException {
    ClasspathLoader loader = new ClasspathLoader();
    loader.setPrefix("templates");
    PebbleEngine pebble = new PebbleEngine.Builder().loader(loader).strictVariables(strict).build();
    Map<String, Object> model = new HashMap<>(ActionTypePage.model(descriptor));
    model.put("title", ActionTypePage.title(descriptor));
    model.put("tenant", null);
    model.put("navigation", List.of());
    model.put("menu", List.of());
    model.put("lang", "fr");
    model.put("user", null);
    model.put("loginPath", "/connexion");
    model.put("logoutPath", "/deconnexion");
    model.put("csrfToken", "");
    StringWriter out = new StringWriter();
    pebble.getTemplate(ActionTypePage.TEMPLATE + ".peb").evaluate(out, model);
    return out.toString();
  }
}
