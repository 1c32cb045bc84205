package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.State;
import fr.pacte.server.config.YamlFileException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads {@code tenants/<slug>/calls/<code>.yaml}: a call in the API's JSON shape (checked by {@link CallInput}), with
 * its {@code code} and the {@code state} it is in (draft or published). Dates are written as quoted strings.
 */
public record CallFile(String code, State state, JsonObject body) {

  public static CallFile read(Path file, String displayName) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(100);
    Object root;
    try (Reader reader = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(options)).load(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new YamlFileException(displayName, line, null, "YAML illisible (" + e.getProblem() + ")");
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new YamlFileException(displayName, 1, null, "un appel à projets (une table de clés)");
    }
    @SuppressWarnings("unchecked")
    JsonObject body = new JsonObject((Map<String, Object>) map).copy();
    String code = body.getValue("code") instanceof String text ? text : "";
    if (!code.matches("[a-z0-9][a-z0-9-]{0,79}")) {
      throw new YamlFileException(displayName, 1, "code", "le code de l'appel (minuscules, chiffres et tirets)");
    }
    Object state = body.getValue("state");
    if (!"draft".equals(state) && !"published".equals(state)) {
      throw new YamlFileException(displayName, 1, "state", "draft ou published");
    }
    body.remove("code");
    body.remove("state");
    return new CallFile(code, State.of((String) state), body);
  }
}
