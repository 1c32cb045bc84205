package fr.pacte.server.offer;

import fr.pacte.api.CapacityUnit;
import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads {@code tenants/<slug>/needs/<call>.yaml} (format: {@code tenants/README.md}). */
public final class NeedsFile {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern COUNT = Pattern.compile("0|[1-9][0-9]{0,6}");

  private NeedsFile() {
  }

  public static CallNeeds read(Path file, String displayName) {
    return parse(YamlDocument.read(file, displayName));
  }

  static CallNeeds parse(Mapping root) {
    root.onlyKeys("call", "title", "needs", "notes");
    return new CallNeeds(
        root.requiredString("call", CODE, "le code de l'appel à projets"),
        root.requiredString("title", null, "le titre de l'appel à projets"),
        root.mappings("needs").stream().map(NeedsFile::need).toList(),
        root.strings("notes"));
  }

  private static CallNeeds.Need need(Mapping item) {
    item.onlyKeys("action_type", "unit", "label", "by_territory");
    String unit = item.requiredString("unit", null, "PEOPLE_IN_FILE_ACTIVE, WORKSHOPS_PER_YEAR ou OWN");
    CapacityUnit capacityUnit = Arrays.stream(CapacityUnit.values()).filter(u -> u.name().equals(unit)).findFirst()
        .orElseThrow(() -> item.errorAt("unit", "PEOPLE_IN_FILE_ACTIVE, WORKSHOPS_PER_YEAR ou OWN (l'unité propre au type d'action) était attendu, trouvé « " + unit + " »"));
    Mapping figures = item.requiredMapping("by_territory", "un nombre par territoire");
    Map<String, Integer> byTerritory = new LinkedHashMap<>();
    for (String territory : figures.keys()) {
      if (!CODE.matcher(territory).matches()) {
        throw figures.errorAt(territory, "le code d'un territoire du département");
      }
      byTerritory.put(territory, Integer.valueOf(figures.requiredString(territory, COUNT, "un nombre entier positif")));
    }
    return new CallNeeds.Need(item.requiredString("action_type", CODE, "le code d'un type d'action"), capacityUnit,
        item.requiredString("label", null, "le libellé publié"), byTerritory);
  }
}
