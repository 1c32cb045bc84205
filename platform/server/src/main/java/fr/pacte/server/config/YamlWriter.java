package fr.pacte.server.config;

import java.time.LocalDate;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes the YAML of {@code tenants/<slug>/…} files from plain maps and lists, so that an export reads like a file
 * written by hand: block style, French text unescaped, dates plain, multi-line text as literal blocks, no line
 * folding (a folded line would change nothing once read back, but diffs would be noisy).
 */
public final class YamlWriter {

  private YamlWriter() {
  }

  /** The document for {@code root}, after a comment header (each line prefixed with {@code # }). */
  public static String write(String header, Map<String, Object> root) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setAllowUnicode(true);
    options.setSplitLines(false);
    options.setIndicatorIndent(0);
    options.setIndent(2);
    Yaml yaml = new Yaml(new TextRepresenter(options), options);
    StringBuilder text = new StringBuilder();
    for (String line : header.split("\n")) {
      text.append("# ").append(line).append('\n');
    }
    return text.append(yaml.dump(root)).toString();
  }

  private static final class TextRepresenter extends Representer {

    TextRepresenter(DumperOptions options) {
      super(options);
      this.representers.put(LocalDate.class, data -> representScalar(Tag.TIMESTAMP, data.toString()));
      this.representers.put(String.class, data -> {
        String text = (String) data;
        // Literal blocks keep paragraphs readable; SnakeYAML falls back to quotes when a block cannot hold the text.
        return text.contains("\n")
            ? representScalar(Tag.STR, text, DumperOptions.ScalarStyle.LITERAL)
            : representScalar(Tag.STR, text);
      });
    }
  }
}
