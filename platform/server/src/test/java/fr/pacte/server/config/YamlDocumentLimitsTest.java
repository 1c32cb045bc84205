package fr.pacte.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Hostile YAML ends in a French error with its file and line, never in an exhausted server. */
class YamlDocumentLimitsTest {

  private static YamlFileException refused(String yaml) {
    return assertThrows(YamlFileException.class, () -> {
      YamlDocument.Mapping root = YamlDocument.parse(yaml, "essai.yaml");
      root.keys().forEach(key -> root.plain(key));
    });
  }

  @Test
  void anEntityExpansionBombIsRefused() {
    StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char level = 'b'; level <= 'i'; level++) {
      bomb.append(level).append(": &").append(level).append(" [")
          .append(String.join(",", Collections.nCopies(9, "*" + (char) (level - 1)))).append("]\n");
    }
    YamlFileException error = refused(bomb.toString());
    assertEquals("essai.yaml", error.file());
    assertTrue(error.getMessage().contains("alias"), error.getMessage());
  }

  @Test
  void deepNestingAndSelfReferenceAreRefused() {
    refused("x: " + "[".repeat(1000) + "]".repeat(1000) + "\n");
    refused("x: " + "{a: ".repeat(100) + "1" + "}".repeat(100) + "\n");
    YamlFileException loop = refused("x: &x [*x]\n");
    assertTrue(loop.getMessage().startsWith("essai.yaml, ligne 1"), loop.getMessage());
  }

  @Test
  void aControlCharacterInAQuotedValueIsRefusedWithItsLine() {
    YamlFileException error = refused("titre: ok\nnom: \"a\\0b\"\n");
    assertEquals(2, error.line());
  }

  @Test
  void numbersThatJavaCannotHoldStayText() {
    YamlDocument.Mapping root = YamlDocument.parse("grand: 123456789012345678901234567890\nhexa: 0x1F\ninfini: .inf\n", "essai.yaml");
    assertEquals("123456789012345678901234567890", root.plain("grand").orElseThrow());
    assertEquals(".inf", root.plain("infini").orElseThrow());
  }
}
