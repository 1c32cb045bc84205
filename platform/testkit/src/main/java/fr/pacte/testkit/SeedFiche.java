package fr.pacte.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.api.FollowUpMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the Somme call for projects "insertion" 2026-2028 so that an action type's tests compare its descriptor with
 * the published fiche itself rather than with a second copy of it.
 *
 * <p>The published text (sections II to IV and the fiches of its 2e partie, as is) is a resource of this test kit,
 * {@value #PUBLISHED_TEXT}: the tests that read it run in every checkout, and fail when a descriptor drifts from it.
 */
public final class SeedFiche {

  /** The class-path resource holding the call's published text. */
  public static final String PUBLISHED_TEXT = "/fr/pacte/testkit/somme-aap-insertion-2026-2028.txt";

  /** The titles of the five fiches, as their own lines in the 2e partie. */
  public static final List<String> FICHE_TITLES = List.of("PLATEFORME MOBILITE SOLIDAIRE",
      "EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE", "PREPARATION ET SECURISATION DE L'ENTREE EN IAE", "REMOBILISATION SOCIALE",
      "PREPARATION A L'EMPLOI");

  /** Asked with every application, whatever the action (§IV). */
  static final String PRESCRIBERS_SHEET =
      "Fiche descriptive synthétique de l'action destinée aux prescripteurs et aux publics";

  private SeedFiche() {
  }

  /**
   * The criteria the call gives "plus spécifiquement dans le cas des actions relevant" of this mode (§III.B.1), as
   * published; {@link SeedFicheContract} checks them against the published text.
   */
  public static List<String> publishedCriteria(FollowUpMode mode) {
    return switch (mode) {
      case INDIVIDUAL_FOLLOW_UP -> List.of(
          "Qualité de la méthodologie et de la pédagogie déployée",
          "Caractère éventuellement innovant de l'action proposée",
          "Modalité, rythme et intensité des accompagnements");
      case COLLECTIVE_WORKSHOPS -> List.of(
          "Diversité et cohérence des ateliers proposés",
          "Inscription des ateliers dans des modules permettant de maintenir une logique de parcours",
          "Capacité à s'appuyer sur le réseau des partenaires locaux et notamment sur des actions déjà existantes");
    };
  }

  /** The documents the call asks with an application for an action of this mode (§III.B.1 and §IV), as published. */
  public static List<String> publishedAttachments(FollowUpMode mode) {
    return switch (mode) {
      case INDIVIDUAL_FOLLOW_UP -> List.of("Modélisation de l'accompagnement proposé", PRESCRIBERS_SHEET);
      case COLLECTIVE_WORKSHOPS -> List.of("Préprojet de programmation d'ateliers", PRESCRIBERS_SHEET);
    };
  }

  /** The call's published text. */
  public static String text() throws IOException {
    try (InputStream in = SeedFiche.class.getResourceAsStream(PUBLISHED_TEXT)) {
      if (in == null) {
        throw new IOException("the test kit lacks its resource " + PUBLISHED_TEXT);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The lines of one section ("OBJECTIFS DE L'ACTION", "INDICATEURS DE SUIVI :"…) of one fiche, up to the next
   * heading, without blank lines and without their bullet markers ("- ", "- o ").
   */
  public static List<String> section(String source, String ficheTitle, String heading) {
    return section(source, ficheTitle, heading, FICHE_TITLES);
  }

  /**
   * The lines of one section of one fiche of any published text, up to the next heading (a line in capitals),
   * without blank lines and bullet markers; the heading is looked for after the fiche's title (its last occurrence,
   * past a table of contents) and before any of {@code otherTitles}.
   */
  public static List<String> section(String source, String ficheTitle, String heading, List<String> otherTitles) {
    List<String> lines = source.lines().map(String::strip).toList();
    int title = lines.lastIndexOf(ficheTitle);
    assertTrue(title >= 0, "no fiche titled " + ficheTitle);
    int start = -1;
    for (int i = title + 1; i < lines.size() && start < 0; i++) {
      String line = lines.get(i);
      assertTrue(!otherTitles.contains(line) && !line.startsWith("Annexes"), heading + " not in the fiche " + ficheTitle);
      if (line.equals(heading)) {
        start = i;
      }
    }
    assertTrue(start >= 0, heading + " not in the fiche " + ficheTitle);
    List<String> section = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !isHeading(lines.get(i)); i++) {
      String line = lines.get(i).replaceFirst("^- (o )?", "");
      if (!line.isEmpty()) {
        section.add(line);
      }
    }
    return section;
  }

  /**
   * The criteria the call gives "plus spécifiquement dans le cas des actions relevant d'un/d'ateliers …" (§III.B.1),
   * without their bullet and final punctuation.
   */
  public static List<String> criteria(String source, String actionsRelevant) {
    List<String> lines = source.lines().map(String::strip).toList();
    int start = -1;
    for (int i = 0; i < lines.size() && start < 0; i++) {
      if (lines.get(i).startsWith("Plus spécifiquement dans le cas des actions relevant " + actionsRelevant)) {
        start = i;
      }
    }
    assertTrue(start >= 0, "no criteria for the actions relevant " + actionsRelevant);
    List<String> criteria = new ArrayList<>();
    for (int i = start + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        continue;
      }
      if (!line.startsWith("- o ")) {
        break;
      }
      criteria.add(line.substring(4).replaceFirst("\\s*[;.]$", ""));
    }
    return criteria;
  }

  /** Every text is in the published text as is (see {@link #published}). */
  public static void assertPublished(String source, List<String> texts) {
    texts.forEach(text -> assertTrue(published(source, text), "not in the published text: " + text));
  }

  /** Whether the text is published as is, allowing only a capital where the call starts it mid-sentence. */
  public static boolean published(String source, String text) {
    return source.contains(text)
        || source.contains(text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1));
  }

  /** The fiche's all-capitals title for a label: "Préparation à l'emploi" → "PREPARATION A L'EMPLOI". */
  public static String asFicheTitle(String label) {
    return Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
  }

  private static boolean isHeading(String line) {
    return line.startsWith("Annexes")
        || (line.equals(line.toUpperCase(Locale.ROOT)) && line.chars().anyMatch(Character::isLetter));
  }
}
