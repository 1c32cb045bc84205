package fr.pacte.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.pacte.api.FollowUpMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads seed 002 (the Somme call for projects "insertion" 2026-2028) so that an action type's tests compare its
 * descriptor with the published fiche itself rather than with a second copy of it.
 *
 * <p>The seeds are found in the folder named by the system property {@value #SEEDS_PROPERTY}, or else in
 * {@code shared/seeds} beside the working directory or beside one of its parents (the checkout keeps them in
 * {@code ../shared/seeds}). They are not in every checkout: {@link #text()} then skips the calling test.
 */
public final class SeedFiche {

  /** System property naming the folder of the seeds. */
  public static final String SEEDS_PROPERTY = "pacte.seeds";

  /** The file of seed 002 in that folder. */
  public static final String SEED_002 = "002_a5706c16ad790c4b.txt";

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
   * published; {@link SeedFicheContract} checks them against the seed.
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

  /** Where seed 002 is looked for: in {@value #SEEDS_PROPERTY} if set, else the nearest {@code shared/seeds} up the tree. */
  public static Path seed() {
    String folder = System.getProperty(SEEDS_PROPERTY);
    if (folder != null && !folder.isBlank()) {
      return Path.of(folder).resolve(SEED_002);
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("seeds").resolve(SEED_002);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return start.resolve("../shared/seeds").resolve(SEED_002).normalize();
  }

  /** The seed's text; skips the calling test when the seed is not there. */
  public static String text() throws IOException {
    Path seed = seed();
    assumeTrue(Files.isRegularFile(seed), "seed 002 is not at " + seed + " (it is beside the project in ../shared, "
        + "not in every checkout; -D" + SEEDS_PROPERTY + "=<folder> names another place)");
    return Files.readString(seed, StandardCharsets.UTF_8);
  }

  /**
   * The lines of one section ("OBJECTIFS DE L'ACTION", "INDICATEURS DE SUIVI :"…) of one fiche, up to the next
   * heading, without blank lines and without their bullet markers ("- ", "- o ").
   */
  public static List<String> section(String source, String ficheTitle, String heading) {
    List<String> lines = source.lines().map(String::strip).toList();
    int title = lines.lastIndexOf(ficheTitle);
    assertTrue(title >= 0, "no fiche titled " + ficheTitle);
    int start = -1;
    for (int i = title + 1; i < lines.size() && start < 0; i++) {
      String line = lines.get(i);
      assertTrue(!FICHE_TITLES.contains(line) && !line.startsWith("Annexes"), heading + " not in the fiche " + ficheTitle);
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

  /** Every text is in the seed as is (see {@link #published}). */
  public static void assertPublished(String source, List<String> texts) {
    texts.forEach(text -> assertTrue(published(source, text), "not in the seed: " + text));
  }

  /** Whether the text is in the seed as is, allowing only a capital where the seed starts it mid-sentence. */
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
