package fr.pacte.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.ApiContract;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAPI document is the whole API: the router's routes against the document, both ways.
 *
 * <p>The rule: every route of the router whose path is under {@code /api/} or {@code /health/}, or is
 * {@code /metrics}, is an operation of the document (method and path, {@code :name} written {@code {name}}), and every
 * operation of the document is a route. Pages ({@code /t/{tenant}/…}, {@code /connexion}, assets) answer HTML and are
 * not in it. A plugin's routes are mounted per plugin under {@code /api/tenants/{tenant}/modules/<plugin>/}: the
 * document may describe them generically ({@code {module}}) or for one plugin, and each such path must fall under a
 * plugin the router mounted. Bodies are described, never a bare {@code {"type": "object"}}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiRoutesTest {

  private static final String MODULES = "/api/tenants/{tenant}/modules/";
  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

  private TestPlatform platform;
  private JsonObject document;

  @BeforeAll
  void start() {
    platform = TestPlatform.builder().tenant("somme", "80").plugin(Repository.builtPlugin("mobility-platform"))
        .plugin(Repository.builtPlugin("fse-plus")).start();
    document = platform.get("/api/openapi.json").json();
  }

  @AfterAll
  void stop() {
    platform.close();
  }

  @Test
  void everyApiRouteOfTheRouterIsDocumented() {
    Set<String> documented = documentedOperations();
    List<String> missing = routerOperations().stream().filter(operation -> !documented.contains(operation)).toList();
    assertEquals(List.of(), missing, "routes of the router that " + ApiContract.DOCUMENT + " lacks");
  }

  @Test
  void everyDocumentedOperationIsARouteOfTheRouter() {
    Set<String> routes = routerOperations();
    Set<String> plugins = pluginMounts();
    assertTrue(plugins.contains("mobility-platform"), "the installed plugin's API is mounted: " + plugins);
    List<String> unrouted = new ArrayList<>();
    for (String operation : documentedOperations()) {
      String path = operation.substring(operation.indexOf(' ') + 1);
      if (path.startsWith(MODULES)) {
        String module = path.substring(MODULES.length()).split("/")[0];
        if (!module.equals("{module}") && !plugins.contains(module)) {
          unrouted.add(operation + " (no plugin " + module + " mounted)");
        }
      } else if (!routes.contains(operation)) {
        unrouted.add(operation);
      }
    }
    assertEquals(List.of(), unrouted, "documented operations that no route serves");
  }

  @Test
  void everyPathParameterIsDeclaredAndEveryOperationNamed() {
    JsonObject paths = document.getJsonObject("paths");
    Set<String> operationIds = new TreeSet<>();
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : METHODS) {
        JsonObject operation = item.getJsonObject(method);
        if (operation == null) {
          continue;
        }
        Set<String> declared = new TreeSet<>();
        parameters(item.getJsonArray("parameters")).forEach(declared::add);
        parameters(operation.getJsonArray("parameters")).forEach(declared::add);
        Matcher names = PARAMETER.matcher(path);
        while (names.find()) {
          assertTrue(declared.contains(names.group(1)), method + " " + path + " declares its path parameter " + names.group(1));
        }
        String id = operation.getString("operationId");
        assertTrue(id != null && operationIds.add(id), method + " " + path + " has an operationId of its own: " + id);
        assertTrue(operation.getJsonObject("responses").containsKey("default"),
            method + " " + path + " says what its errors are (a default problem+json response)");
      }
    }
  }

  @Test
  void bodiesAreDescribedNotBareObjects() {
    List<String> bare = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : METHODS) {
        JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
        if (operation == null) {
          continue;
        }
        JsonObject request = operation.getJsonObject("requestBody");
        if (request != null) {
          request.getJsonObject("content").forEach(media -> checkSchema(method + " " + path + " request " + media.getKey(),
              ((JsonObject) media.getValue()).getJsonObject("schema"), bare));
        }
        operation.getJsonObject("responses").forEach(response -> {
          JsonObject content = ((JsonObject) response.getValue()).getJsonObject("content");
          if (content != null && content.containsKey("application/json")) {
            checkSchema(method + " " + path + " " + response.getKey(),
                content.getJsonObject("application/json").getJsonObject("schema"), bare);
          }
        });
      }
    }
    assertEquals(List.of(), bare, "bodies described as a bare object or array of bare objects");
  }

  private static void checkSchema(String where, JsonObject schema, List<String> bare) {
    if (schema == null) {
      bare.add(where + ": no schema");
      return;
    }
    JsonObject described = "array".equals(schema.getString("type")) ? schema.getJsonObject("items") : schema;
    boolean isBare = described != null && "object".equals(described.getString("type")) && !described.containsKey("properties")
        && !described.containsKey("required") && !described.containsKey("$ref");
    if (isBare) {
      bare.add(where);
    }
  }

  /** {@code METHOD /path} of every documented operation. */
  private Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    assertFalse(paths.isEmpty());
    for (String path : paths.fieldNames()) {
      for (String method : METHODS) {
        if (paths.getJsonObject(path).containsKey(method)) {
          operations.add(method.toUpperCase() + " " + path);
        }
      }
    }
    return operations;
  }

  /** {@code METHOD /path} of every API route of the router: routes for given methods, not the handlers for all. */
  private Set<String> routerOperations() {
    Set<String> operations = new TreeSet<>();
    for (Route route : platform.pacte().node().routes()) {
      String path = route.getPath();
      Set<HttpMethod> methods = route.methods();
      if (path == null || methods == null || methods.isEmpty() || !ApiContract.isApi(path)) {
        continue;
      }
      String documentedPath = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      methods.forEach(method -> operations.add(method.name() + " " + documentedPath));
    }
    assertTrue(operations.contains("GET /api/tenants/{tenant}/plugins"), "the router's routes are read: " + operations);
    return operations;
  }

  /** The plugins whose API routes the router mounted. */
  private Set<String> pluginMounts() {
    Set<String> plugins = new TreeSet<>();
    String prefix = "/api/tenants/:tenant/modules/";
    for (Route route : platform.pacte().node().routes()) {
      String path = route.getPath();
      if (path != null && path.startsWith(prefix)) {
        plugins.add(path.substring(prefix.length()).split("/")[0]);
      }
    }
    return plugins;
  }

  /** The names of the path parameters of a list, reading references to components/parameters. */
  private List<String> parameters(JsonArray list) {
    List<String> names = new ArrayList<>();
    if (list == null) {
      return names;
    }
    for (Object value : list) {
      JsonObject parameter = (JsonObject) value;
      if (parameter.containsKey("$ref")) {
        String ref = parameter.getString("$ref");
        parameter = document.getJsonObject("components").getJsonObject("parameters")
            .getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
      }
      if ("path".equals(parameter.getString("in"))) {
        names.add(parameter.getString("name"));
      }
    }
    return names;
  }
}
