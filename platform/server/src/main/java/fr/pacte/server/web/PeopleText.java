package fr.pacte.server.web;

import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * Who did something, as people read it, in the page templates: {@code {{ version.uploadedBy | auteur }}} gives
 * "par Association démo" or "d'après le fichier de configuration du département" from what the audit trail stored
 * ("somme:association — Association démo"), never the account's code.
 */
public final class PeopleText extends AbstractExtension {

  @Override
  public Map<String, Filter> getFilters() {
    return Map.of("auteur", new Filter() {
      @Override
      public List<String> getArgumentNames() {
        return List.of();
      }

      @Override
      public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                          int lineNumber) {
        return input == null ? "" : readable(input.toString());
      }
    });
  }

  /** Who did something as the audit trail stored it ("somme:association — Association démo"), as people read it. */
  public static String readable(String audited) {
    if (audited == null || audited.isBlank()) {
      return "";
    }
    if (audited.startsWith("system")) {
      return "d'après le fichier de configuration du département";
    }
    int dash = audited.indexOf(" — ");
    if (dash >= 0 && dash + 3 < audited.length()) {
      return "par " + audited.substring(dash + 3);
    }
    return "par " + (audited.contains(":") ? audited.substring(audited.lastIndexOf(':') + 1) : audited);
  }
}
