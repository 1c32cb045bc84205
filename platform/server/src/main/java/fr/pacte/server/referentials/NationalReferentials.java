package fr.pacte.server.referentials;

import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The national defaults of the référentiels, shipped with Pacte in {@code referentials/national.yaml}: territory
 * layers, exit typology, orientation types, prescriber types, vocabulary and the data·inclusion thematics.
 */
public final class NationalReferentials {

  static final String RESOURCE = "referentials/national.yaml";
  static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,119}");

  /** One référentiel: its entries in display order. */
  public record Kind(String code, String label, String description, List<Entry> entries) {

    public Optional<Entry> entry(String code) {
      return entries.stream().filter(entry -> entry.code().equals(code)).findFirst();
    }
  }

  /** One national entry. */
  public record Entry(String code, String label, String description) {
  }

  private final Map<String, Kind> kinds;

  private NationalReferentials(Map<String, Kind> kinds) {
    this.kinds = kinds;
  }

  /** Reads the resource; a malformed one is a build error, so this fails loudly. */
  public static NationalReferentials load() {
    try (InputStream in = NationalReferentials.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NationalReferentials parse(String yaml) {
    Mapping root = YamlDocument.parse(yaml, RESOURCE).onlyKeys("kinds");
    Map<String, Kind> kinds = new LinkedHashMap<>();
    for (Mapping item : root.mappings("kinds")) {
      item.onlyKeys("code", "label", "description", "entries");
      String code = item.requiredString("code", KIND, "un code de référentiel");
      Set<String> seen = new HashSet<>();
      List<Entry> entries = item.mappings("entries").stream().map(entry -> {
        entry.onlyKeys("code", "label", "description");
        Entry value = new Entry(entry.requiredString("code", CODE, "un code en minuscules"),
            entry.requiredString("label", null, "un libellé"),
            entry.optionalString("description", null, "un texte").orElse(null));
        if (!seen.add(value.code())) {
          throw entry.errorAt("code", "code déjà utilisé dans ce référentiel");
        }
        return value;
      }).toList();
      kinds.put(code, new Kind(code, item.requiredString("label", null, "un libellé"),
          item.optionalString("description", null, "un texte").orElse(null), entries));
    }
    return new NationalReferentials(kinds);
  }

  public List<Kind> kinds() {
    return List.copyOf(kinds.values());
  }

  public Optional<Kind> kind(String code) {
    return Optional.ofNullable(kinds.get(code));
  }

  /** The layer codes territories and areas may use. */
  public Set<String> layers() {
    return kind("territory-layers").map(kind -> kind.entries().stream().map(Entry::code)
        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new))).orElseGet(java.util.LinkedHashSet::new);
  }
}
