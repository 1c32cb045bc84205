package fr.pacte.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The YAML parser's mistakes are told in French, with the line and the column where they were found. */
class YamlProblemsTest {

  private static String error(String yaml) {
    return assertThrows(YamlFileException.class, () -> YamlDocument.parse(yaml, "programmes/essai.yaml")).getMessage();
  }

  @Test
  void aListLeftOpenNamesTheMissingBracketWithLineAndColumn() {
    assertEquals("programmes/essai.yaml, ligne 2, colonne 5 : YAML illisible : il manque une virgule ou un"
        + " crochet fermant « ] » dans la liste entre crochets — en lisant une liste entre crochets",
        error("pilotes: [DILE, France Travail\ncode: x\n"));
  }

  @Test
  void commonMistakesAreSaidInFrenchAndNeverInEnglish() {
    String colon = error("code: pdi\ntitle: Axe 1: insertion\n");
    assertEquals("programmes/essai.yaml, ligne 2, colonne 13 : YAML illisible : un deux-points « : » est inattendu ici"
        + " (une valeur qui contient « : » doit être entre guillemets, ou la ligne est mal indentée)", colon);
    String truncated = error("code: pdi\ntitle: \"Programme départemental\n");
    assertEquals("programmes/essai.yaml, ligne 3, colonne 1 : YAML illisible : le texte s'arrête avant la fin : un"
        + " guillemet, un crochet ou une accolade n'est pas refermé — en lisant un texte entre guillemets", truncated);
    String tab = error("code: pdi\naxes:\n\t- code: 1\n");
    assertEquals("programmes/essai.yaml, ligne 3, colonne 1 : YAML illisible : une tabulation sert d'indentation :"
        + " indentez avec des espaces", tab.replaceFirst(" — .*", ""));
    String twice = error("code: pdi\ncode: pti\n");
    assertTrue(twice.startsWith("programmes/essai.yaml, ligne 2") && twice.endsWith("la clé « code » apparaît deux fois"),
        twice);
    for (String message : new String[] {colon, truncated, tab, twice}) {
      assertFalse(message.matches(".*\\b(expected|found|while|mapping)\\b.*"), message);
    }
  }
}
