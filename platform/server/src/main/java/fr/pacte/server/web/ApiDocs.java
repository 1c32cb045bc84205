package fr.pacte.server.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI 3 description of the JSON API, served as YAML and JSON, and a readable page built from it.
 * The document lives in {@code openapi/pacte.yaml}; tests hold the router's routes against it both ways and every
 * answer of the API tests against its schemas.
 */
public final class ApiDocs {

  private final PageLayout layout;
  private final String yaml;
  private final JsonObject document;

  public ApiDocs(PageLayout layout) {
    this.layout = layout;
    try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream("openapi/pacte.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi/pacte.yaml is missing from the server jar");
      }
      this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = new Yaml(new LoaderOptions()).load(yaml);
    this.document = new JsonObject(parsed);
  }

  public void mount(Router router) {
    router.get("/api/openapi.yaml").handler(request ->
        request.response().putHeader("Content-Type", "application/yaml; charset=utf-8").end(yaml));
    router.get("/api/openapi.json").handler(request -> Json.ok(request, 200, document));
    router.get("/api/docs").handler(this::page);
  }

  /** One documented operation, for the page. */
  public record Operation(String method, String path, String summary, String description, List<String> responses) {
  }

  private void page(RoutingContext request) {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation)) {
          continue;
        }
        JsonObject responses = operation.getJsonObject("responses", new JsonObject());
        List<String> codes = new ArrayList<>();
        for (String code : responses.fieldNames()) {
          JsonObject response = responses.getJsonObject(code);
          // Shared responses are references: the error one is the problem+json document.
          String description = response.containsKey("$ref") ? "erreur (application/problem+json)"
              : response.getString("description", "");
          codes.add(("default".equals(code) ? "autres" : code) + " " + description);
        }
        operations.add(new Operation(method.toUpperCase(), path, operation.getString("summary", ""),
            operation.getString("description", ""), codes));
      }
    }
    JsonObject info = document.getJsonObject("info", new JsonObject());
    layout.render(request, "api-docs", "API de Pacte", Map.of(
            "apiTitle", info.getString("title", "Pacte"),
            "apiVersion", info.getString("version", ""),
            "apiDescription", info.getString("description", ""),
            "operations", operations))
        .onFailure(error -> FailureHandler.respond(request, error));
  }

  /** The parsed document, for tests that check it against the routes. */
  public JsonObject document() {
    return document;
  }
}
