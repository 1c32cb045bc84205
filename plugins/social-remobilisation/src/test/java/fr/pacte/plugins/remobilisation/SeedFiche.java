package fr.pacte.plugins.remobilisation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads seed 002 (the Somme call for projects 2026-2028) so that tests compare the descriptor with the published text
 * itself rather than with a second copy of it.
 */
final class SeedFiche {

  /** Seed 002 lies beside the project, in ../shared (not in every checkout). */
  static final Path SEED = Path.of("../../../shared/seeds/002_a5706c16ad790c4b.txt");

  /** The titles of the five fiches, as their own lines in the 2e partie. */
  static final List<String> FICHE_TITLES = List.of("PLATEFORME MOBILITE SOLIDAIRE", "EQUILIBRE EMOTIONNEL ET PSYCHOLOGIQUE",
      "PREPARATION ET SECURISATION DE L'ENTREE EN IAE", "REMOBILISATION SOCIALE", "PREPARATION A L'EMPLOI");

  private SeedFiche() {
  }

  /** The seed's text; skips the calling test when the seed is not there. */
  static String text() throws IOException {
    assumeTrue(Files.isRegularFile(SEED), "seed 002 is beside the project in ../shared (not in every checkout)");
    return Files.readString(SEED, StandardCharsets.UTF_8);
  }

  /**
   * The lines of one section ("OBJECTIFS DE L'ACTION", "INDICATEURS DE SUIVI :"…) of one fiche, up to the next
   * heading, without blank lines and without their bullet markers ("- ", "- o ").
   */
  static List<String> section(String source, String ficheTitle, String heading) {
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
  static List<String> criteria(String source, String actionsRelevant) {
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

  /** Whether the text is in the seed as is, allowing only a capital where the seed starts it mid-sentence. */
  static boolean published(String source, String text) {
    return source.contains(text)
        || source.contains(text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1));
  }

  /** The fiche's all-capitals title for a label: "Préparation à l'emploi" → "PREPARATION A L'EMPLOI". */
  static String asFicheTitle(String label) {
    return Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
  }

  private static boolean isHeading(String line) {
    return line.startsWith("Annexes")
        || (line.equals(line.toUpperCase(Locale.ROOT)) && line.chars().anyMatch(Character::isLetter));
  }
}
