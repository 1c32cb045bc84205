package fr.pacte.server.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import fr.pacte.server.text.TextRules;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file read as a tree that remembers lines, so that every error names the file, the line and the
 * field, and says what was expected. Used for {@code tenants/<slug>/*.yaml}.
 */
public final class YamlDocument {

  static final int MAX_ALIASES = 10;
  static final int MAX_DEPTH = 40;
  static final int MAX_CODE_POINTS = 3 * 1024 * 1024;
  static final int MAX_EXPANDED_NODES = 200_000;

  private final String file;

  private YamlDocument(String file) {
    this.file = file;
  }

  /** Reads {@code path}; {@code displayName} is how errors name the file (e.g. {@code tenants/somme/tenant.yaml}). */
  public static Mapping read(Path path, String displayName) {
    try (Reader reader = Files.newBufferedReader(path)) {
      return parse(reader, displayName);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + displayName, e);
    }
  }

  public static Mapping parse(String source, String displayName) {
    return parse(new StringReader(source), displayName);
  }

  private static Mapping parse(Reader reader, String displayName) {
    YamlDocument document = new YamlDocument(displayName);
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    // Bounds against hostile files: entity expansion ("billion laughs"), deep nesting, sheer size.
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowRecursiveKeys(false);
    Node root;
    try {
      root = new Yaml(options).compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      int column = e.getProblemMark() == null ? 1 : e.getProblemMark().getColumn() + 1;
      throw new YamlFileException(displayName, line, column, null, "YAML illisible : "
          + YamlProblems.french(e.getContext(), e.getProblem()));
    } catch (YAMLException e) {
      throw new YamlFileException(displayName, 1, null, "document refusé : trop d'alias (au plus " + MAX_ALIASES
          + "), d'imbrication (au plus " + MAX_DEPTH + " niveaux) ou trop long (au plus " + MAX_CODE_POINTS + " caractères)");
    }
    if (root == null) {
      throw new YamlFileException(displayName, 1, null, "fichier vide, un document YAML était attendu");
    }
    document.checkShape(root);
    return document.mapping(root, "");
  }

  Mapping mapping(Node node, String path) {
    if (!(node instanceof MappingNode mappingNode)) {
      throw error(node, path, "une liste de clés et valeurs était attendue");
    }
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : mappingNode.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw error(tuple.getKeyNode(), path, "une clé simple était attendue");
      }
      if (entries.containsKey(key.getValue())) {
        throw error(key, path, "la clé « " + key.getValue() + " » apparaît deux fois");
      }
      entries.put(key.getValue(), tuple);
    }
    return new Mapping(node, path, entries);
  }

  /**
   * Refuses a tree that refers to itself (an anchor used inside its own node) or that aliases expand beyond
   * {@link #MAX_EXPANDED_NODES} nodes: readers walk the tree and must end.
   */
  private void checkShape(Node root) {
    java.util.Set<Node> open = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    int[] visited = {0};
    visit(root, open, visited, 0);
  }

  private void visit(Node node, java.util.Set<Node> open, int[] visited, int depth) {
    if (++visited[0] > MAX_EXPANDED_NODES || depth > MAX_DEPTH * 2) {
      throw error(node, null, "document refusé : ses alias le développent au-delà de " + MAX_EXPANDED_NODES + " éléments");
    }
    if (node instanceof ScalarNode) {
      return;
    }
    if (!open.add(node)) {
      throw error(node, null, "document refusé : un alias renvoie à l'élément qui le contient");
    }
    if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        visit(item, open, visited, depth + 1);
      }
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        visit(tuple.getKeyNode(), open, visited, depth + 1);
        visit(tuple.getValueNode(), open, visited, depth + 1);
      }
    }
    open.remove(node);
  }

  /** A scalar's text, refused when it holds control characters (a quoted "\0" would reach the database). */
  String scalarText(ScalarNode scalar, String field) {
    String value = scalar.getValue();
    if (TextRules.hasControl(value)) {
      throw error(scalar, field, "un texte sans caractère de contrôle (NUL, échappements \\x…) était attendu");
    }
    return value;
  }

  YamlFileException error(Node node, String field, String expected) {
    return new YamlFileException(file, node.getStartMark().getLine() + 1, field, expected);
  }

  /** A mapping node with typed, line-aware accessors. */
  public final class Mapping {

    private final Node node;
    private final String path;
    private final Map<String, NodeTuple> entries;

    private Mapping(Node node, String path, Map<String, NodeTuple> entries) {
      this.node = node;
      this.path = path;
      this.entries = entries;
    }

    public String file() {
      return file;
    }

    public int line() {
      return node.getStartMark().getLine() + 1;
    }

    /** The keys, in file order. */
    public java.util.Set<String> keys() {
      return entries.keySet();
    }

    /** Refuses keys that are not in {@code allowed}: a typo must not be silently ignored. */
    public Mapping onlyKeys(String... allowed) {
      List<String> allowedKeys = List.of(allowed);
      for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
        if (!allowedKeys.contains(entry.getKey())) {
          throw error(entry.getValue().getKeyNode(), field(entry.getKey()),
              "clé inconnue, les clés possibles sont : " + String.join(", ", allowedKeys));
        }
      }
      return this;
    }

    public String requiredString(String key, Pattern pattern, String expected) {
      return optionalString(key, pattern, expected)
          .orElseThrow(() -> error(node, field(key), "champ obligatoire manquant : " + expected));
    }

    public Optional<String> optionalString(String key, Pattern pattern, String expected) {
      NodeTuple tuple = entries.get(key);
      if (tuple == null) {
        return Optional.empty();
      }
      Node value = tuple.getValueNode();
      if (!(value instanceof ScalarNode scalar)) {
        throw error(value, field(key), "une valeur simple était attendue : " + expected);
      }
      String text = scalarText(scalar, field(key)).trim();
      if (text.isEmpty() || (pattern != null && !pattern.matcher(text).matches())) {
        throw error(value, field(key), expected + ", trouvé « " + scalar.getValue() + " »");
      }
      return Optional.of(text);
    }

    /** A date written {@code AAAA-MM-JJ}, if present. */
    public Optional<java.time.LocalDate> optionalDate(String key) {
      return optionalString(key, null, "une date AAAA-MM-JJ").map(text -> {
        try {
          return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
          throw errorAt(key, "une date au format AAAA-MM-JJ était attendue, trouvé « " + text + " »");
        }
      });
    }

    public Optional<Mapping> optionalMapping(String key) {
      NodeTuple tuple = entries.get(key);
      return tuple == null ? Optional.empty() : Optional.of(mapping(tuple.getValueNode(), field(key)));
    }

    public Mapping requiredMapping(String key, String expected) {
      return optionalMapping(key).orElseThrow(() -> error(node, field(key), "champ obligatoire manquant : " + expected));
    }

    /** The items of a list under {@code key}; each must be a mapping. Empty when the key is absent. */
    public List<Mapping> mappings(String key) {
      NodeTuple tuple = entries.get(key);
      if (tuple == null) {
        return List.of();
      }
      if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
        throw error(tuple.getValueNode(), field(key), "une liste (éléments commençant par « - ») était attendue");
      }
      List<Mapping> items = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        items.add(mapping(sequence.getValue().get(i), field(key) + "[" + (i + 1) + "]"));
      }
      return items;
    }

    /** The strings of a list under {@code key}. Empty when the key is absent. */
    public List<String> strings(String key) {
      NodeTuple tuple = entries.get(key);
      if (tuple == null) {
        return List.of();
      }
      if (!(tuple.getValueNode() instanceof SequenceNode sequence)) {
        throw error(tuple.getValueNode(), field(key), "une liste de textes était attendue");
      }
      List<String> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        if (!(item instanceof ScalarNode scalar)) {
          throw error(item, field(key), "une liste de textes était attendue");
        }
        items.add(scalarText(scalar, field(key)));
      }
      return items;
    }

    /** The raw value under {@code key} as plain Java maps, lists and strings (for free-form configuration). */
    public Optional<Object> plain(String key) {
      NodeTuple tuple = entries.get(key);
      return tuple == null ? Optional.empty() : Optional.ofNullable(toPlain(tuple.getValueNode(), field(key)));
    }

    public YamlFileException errorAt(String key, String expected) {
      NodeTuple tuple = entries.get(key);
      return error(tuple == null ? node : tuple.getValueNode(), field(key), expected);
    }

    private String field(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }
  }

  private Object typed(ScalarNode scalar, String field) {
    String value = scalarText(scalar, field);
    Tag tag = scalar.getTag();
    try {
      if (Tag.BOOL.equals(tag)) {
        return Boolean.valueOf(value.toLowerCase(java.util.Locale.ROOT));
      }
      if (Tag.INT.equals(tag)) {
        return Long.valueOf(value.replace("_", ""));
      }
      if (Tag.FLOAT.equals(tag)) {
        return Double.valueOf(value.replace("_", ""));
      }
    } catch (NumberFormatException e) {
      // 0x1F, 0o17, .inf or a number beyond a long: kept as written, the reader decides
      return value;
    }
    return Tag.NULL.equals(tag) ? null : value;
  }

  private Object toPlain(Node node, String field) {
    if (node instanceof ScalarNode scalar) {
      return typed(scalar, field);
    }
    if (node instanceof SequenceNode sequence) {
      return sequence.getValue().stream().map(item -> toPlain(item, field)).toList();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        throw error(tuple.getKeyNode(), field, "une clé simple était attendue");
      }
      map.put(scalarText(key, field), toPlain(tuple.getValueNode(), field + "." + key.getValue()));
    }
    return map;
  }
}
