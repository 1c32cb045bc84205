package fr.pacte.server.referentials;

import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
import fr.pacte.server.config.YamlWriter;
import fr.pacte.server.referentials.TenantReferentials.Area;
import fr.pacte.server.referentials.TenantReferentials.Commune;
import fr.pacte.server.referentials.TenantReferentials.Override;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code tenants/<slug>/referentiels.yaml} (format: {@code tenants/README.md}). Every override must
 * name a national référentiel and entry, every area a national layer: errors name the file, line and field.
 */
public final class ReferentialsFile {

  public static final String FILE_NAME = "referentiels.yaml";
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern INSEE = Pattern.compile("[0-9][0-9AB][0-9]{3}");

  private ReferentialsFile() {
  }

  public static TenantReferentials read(Path file, String displayName, NationalReferentials national) {
    return parse(YamlDocument.read(file, displayName), national);
  }

  public static TenantReferentials parse(String yaml, String displayName, NationalReferentials national) {
    return parse(YamlDocument.parse(yaml, displayName), national);
  }

  public static TenantReferentials parse(Mapping root, NationalReferentials national) {
    root.onlyKeys("overrides", "areas");
    List<Override> overrides = new ArrayList<>();
    root.optionalMapping("overrides").ifPresent(byKind -> {
      for (String kindCode : byKind.keys()) {
        NationalReferentials.Kind kind = national.kind(kindCode).orElseThrow(() -> byKind.errorAt(kindCode,
            "référentiel inconnu, les référentiels sont : " + String.join(", ",
                national.kinds().stream().map(NationalReferentials.Kind::code).toList())));
        Set<String> seen = new HashSet<>();
        for (Mapping item : byKind.mappings(kindCode)) {
          item.onlyKeys("code", "label", "description");
          String code = item.requiredString("code", NationalReferentials.CODE, "le code d'une entrée nationale");
          if (kind.entry(code).isEmpty()) {
            throw item.errorAt("code", "aucune entrée « " + code + " » dans le référentiel national « " + kind.label() + " »");
          }
          if (!seen.add(code)) {
            throw item.errorAt("code", "cette entrée est déjà surchargée plus haut");
          }
          overrides.add(new Override(kindCode, code, item.requiredString("label", null, "le libellé du département"),
              item.optionalString("description", null, "un texte").orElse(null)));
        }
      }
    });
    Set<String> areaKeys = new HashSet<>();
    List<Area> areas = new ArrayList<>();
    for (Mapping item : root.mappings("areas")) {
      item.onlyKeys("layer", "code", "name", "valid_from", "valid_to", "communes", "notes");
      String layer = item.requiredString("layer", CODE, "le code d'une couche de territoires");
      if (!national.layers().contains(layer)) {
        throw item.errorAt("layer", "couche inconnue, les couches sont : " + String.join(", ", national.layers()));
      }
      String code = item.requiredString("code", CODE, "un code en minuscules, chiffres et tirets");
      if (!areaKeys.add(layer + "/" + code)) {
        throw item.errorAt("code", "ce code est déjà utilisé dans la couche " + layer);
      }
      LocalDate from = item.optionalDate("valid_from").orElse(null);
      LocalDate to = item.optionalDate("valid_to").orElse(null);
      if (from != null && to != null && to.isBefore(from)) {
        throw item.errorAt("valid_to", "la date de fin doit suivre la date de début");
      }
      List<Commune> communes = item.mappings("communes").stream().map(commune -> {
        commune.onlyKeys("insee", "name");
        return new Commune(commune.requiredString("insee", INSEE, "un code INSEE de commune (5 caractères)"),
            commune.requiredString("name", null, "le nom de la commune"));
      }).toList();
      areas.add(new Area(layer, code, item.requiredString("name", null, "le nom du territoire"), from, to, communes,
          item.strings("notes")));
    }
    return new TenantReferentials(List.copyOf(overrides), List.copyOf(areas));
  }

  /** The file for {@code referentials}; reading it back gives the same record. */
  public static String write(String header, TenantReferentials referentials) {
    Map<String, Object> root = new LinkedHashMap<>();
    Map<String, Object> byKind = new LinkedHashMap<>();
    for (Override override : referentials.overrides()) {
      @SuppressWarnings("unchecked")
      List<Object> entries = (List<Object>) byKind.computeIfAbsent(override.kind(), kind -> new ArrayList<>());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("code", override.code());
      entry.put("label", override.label());
      putIf(entry, "description", override.description());
      entries.add(entry);
    }
    root.put("overrides", byKind);
    List<Object> areas = new ArrayList<>();
    for (Area area : referentials.areas()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("layer", area.layer());
      item.put("code", area.code());
      item.put("name", area.name());
      putIf(item, "valid_from", area.validFrom());
      putIf(item, "valid_to", area.validTo());
      if (!area.communes().isEmpty()) {
        item.put("communes", area.communes().stream().map(c -> {
          Map<String, Object> commune = new LinkedHashMap<>();
          commune.put("insee", c.insee());
          commune.put("name", c.name());
          return commune;
        }).toList());
      }
      if (!area.notes().isEmpty()) {
        item.put("notes", area.notes());
      }
      areas.add(item);
    }
    root.put("areas", areas);
    return YamlWriter.write(header, root);
  }

  private static void putIf(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
