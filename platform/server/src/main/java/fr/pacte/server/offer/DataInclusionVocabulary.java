package fr.pacte.server.offer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The national vocabularies of the offer (data·inclusion schema v1: thematics and their families, publics, service
 * types), copied from the schema's published lists under {@code data-inclusion/}, so that what Pacte stores can be
 * exported to DORA as is.
 */
public final class DataInclusionVocabulary {

  /** One value of a vocabulary. */
  public record Entry(String value, String label) {
  }

  private static final Map<String, String> CATEGORIES = load("categories.tsv");
  private static final Map<String, String> THEMATIQUES = load("thematiques.tsv");
  private static final Map<String, String> THEMATIQUES_V0 = load("thematiques-v0.tsv");
  private static final Map<String, String> PUBLICS = load("publics.tsv");

  private DataInclusionVocabulary() {
  }

  public static List<Entry> categories() {
    return entries(CATEGORIES);
  }

  public static List<Entry> thematiques() {
    return entries(THEMATIQUES);
  }

  public static List<Entry> publics() {
    return entries(PUBLICS);
  }

  public static boolean isThematique(String value) {
    return THEMATIQUES.containsKey(value);
  }

  public static boolean isCategory(String value) {
    return CATEGORIES.containsKey(value);
  }

  /** Whether the retired v0 schema knew this thematic (the v0 export keeps only those). */
  public static boolean isThematiqueV0(String value) {
    return THEMATIQUES_V0.containsKey(value);
  }

  public static boolean isPublic(String value) {
    return PUBLICS.containsKey(value);
  }

  public static String thematiqueLabel(String value) {
    return THEMATIQUES.getOrDefault(value, value);
  }

  public static String publicLabel(String value) {
    return PUBLICS.getOrDefault(value, value);
  }

  public static String categoryLabel(String value) {
    return CATEGORIES.getOrDefault(value, value);
  }

  private static List<Entry> entries(Map<String, String> map) {
    List<Entry> entries = new ArrayList<>();
    map.forEach((value, label) -> entries.add(new Entry(value, label)));
    return entries;
  }

  private static Map<String, String> load(String file) {
    Map<String, String> values = new LinkedHashMap<>();
    try (InputStream in = DataInclusionVocabulary.class.getClassLoader().getResourceAsStream("data-inclusion/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing resource data-inclusion/" + file);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\t", 2);
          values.put(parts[0], parts[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return java.util.Collections.unmodifiableMap(values);
  }
}
