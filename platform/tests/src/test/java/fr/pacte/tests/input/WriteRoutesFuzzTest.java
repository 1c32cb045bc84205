package fr.pacte.tests.input;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.TenantFolders;
import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import fr.pacte.testkit.TestPlatform.Client;
import fr.pacte.testkit.TestPlatform.Response;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every write route the OpenAPI document lists (POST, PUT, PATCH, DELETE), read from {@code /api/openapi.json} so
 * that routes documented later are covered too, receives hostile and careless input from a caller signed in as the
 * Somme's administrator (and the platform operator for platform routes): NUL and other control characters in every
 * field, over-long texts, values of the wrong type, malformed and truncated JSON, odd versions and identifiers.
 * Path parameters are filled from real data (the list one level up). No answer may be a 5xx, and every error is
 * application/problem+json. The cases are drawn from a seeded generator ({@code -Dpacte.fuzz.seed}), and the run is
 * bounded in time ({@code -Dpacte.fuzz.seconds}).
 */
class WriteRoutesFuzzTest {

  private static final long SEED = Long.getLong("pacte.fuzz.seed", 20261202L);
  private static final long BUDGET_MILLIS = Long.getLong("pacte.fuzz.seconds", 75L) * 1000;
  /** Every write route gets at least this many hostile requests, however long they take. */
  private static final int MINIMUM_PER_ROUTE = 10;
  private static final List<String> WRITE_METHODS = List.of("post", "put", "patch", "delete");
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)\\}");
  /** Replaced, after encoding, by raw JSON text that a JSON library would not write itself. */
  private static final String RAW = "\u2063RAW:";

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static TestPlatform platform;
  private static Client caller;

  @BeforeAll
  static void start() {
    TestPlatform.Builder builder = TestPlatform.builder().tenantsDir(TenantFolders.copy(Repository.tenants()));
    for (String plugin : List.of("mobility-platform", "psychological-support", "iae-preparation", "social-remobilisation",
        "employment-preparation")) {
      builder.plugin(Repository.builtPlugin(plugin));
    }
    platform = builder.start();
    caller = platform.login("somme", "admin").signIn(null, "operateur", "pacte-demo");
  }

  @AfterAll
  static void stop() {
    platform.close();
  }

  /** One documented write operation. */
  private record Operation(String method, String template, JsonObject schema, List<String> headerNames) {
  }

  /** One request to send and what it tries. */
  private record Case(String what, String method, String path, String contentType, String body, String... headers) {
  }

  @Test
  void everyDocumentedWriteRouteAnswersHostileInputWithAProblemAndNeverA5xx() {
    JsonObject document = send("GET", "/api/openapi.json", null, null).json();
    List<Operation> operations = operations(document);
    assertTrue(operations.size() >= 5, "the OpenAPI document lists write routes: " + operations);
    for (String route : List.of("/api/tenants/{tenant}/calls", "/api/tenants/{tenant}/organisations", "/api/tenants/{tenant}/offer",
        "/api/tenants", "/api/tenants/{tenant}/import")) {
      assertTrue(operations.stream().anyMatch(operation -> operation.template().equals(route)), route + " is fuzzed");
    }
    Random random = new Random(SEED);
    long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
    List<String> failures = new ArrayList<>();
    Map<String, Map<Integer, Integer>> statuses = new java.util.TreeMap<>();
    int sent = 0;
    for (int i = 0; i < operations.size(); i++) {
      Operation operation = operations.get(i);
      // Each operation gets its share of the remaining time, so none is starved by the ones before it, and always
      // its first cases whatever the time: how fast a loaded machine answers must not decide what is tried.
      long share = (deadline - System.currentTimeMillis()) / (operations.size() - i);
      long stopAt = System.currentTimeMillis() + Math.max(share, 1000);
      int triedHere = 0;
      for (Case c : cases(operation, document, random)) {
        if (triedHere >= MINIMUM_PER_ROUTE && System.currentTimeMillis() > stopAt) {
          break;
        }
        triedHere++;
        Response response = send(c.method(), c.path(), c.contentType(), c.body(), c.headers());
        sent++;
        statuses.computeIfAbsent(operation.method() + " " + operation.template(), key -> new java.util.TreeMap<>())
            .merge(response.status(), 1, Integer::sum);
        check(c, response).ifPresent(failures::add);
      }
    }
    System.out.println("Fuzz (seed " + SEED + "): " + sent + " requests; answers by operation:");
    statuses.forEach((operation, counts) -> System.out.println("  " + operation + " " + counts));
    assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " hostile requests (seed " + SEED + ") were answered wrongly:\n"
        + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
    assertTrue(sent >= operations.size() * MINIMUM_PER_ROUTE, "only " + sent + " requests were sent");
    for (Operation operation : operations) {
      int tried = statuses.getOrDefault(operation.method() + " " + operation.template(), Map.of()).values().stream()
          .mapToInt(Integer::intValue).sum();
      assertTrue(tried >= MINIMUM_PER_ROUTE, operation.method() + " " + operation.template() + " got only " + tried + " hostile requests");
    }
  }

  /**
   * Sends with the caller's sessions but not through the test kit's client, which holds every answer to the
   * document's schemas: here only the classes of answer matter (no 5xx, problem+json on errors).
   */
  private static Response send(String method, String path, String contentType, String body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.url() + path)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    List<String> cookies = new ArrayList<>();
    for (String name : List.of("pacte_session_somme", "pacte_session", "pacte_csrf")) {
      if (caller.cookie(name) != null) {
        cookies.add(name + "=" + caller.cookie(name));
      }
    }
    request.header("Cookie", String.join("; ", cookies));
    try {
      HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers().map());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static java.util.Optional<String> check(Case c, Response response) {
    String summary = c.method() + " " + abbreviate(c.path(), 120) + " [" + c.what() + "] → " + response.status() + " "
        + abbreviate(response.body(), 300);
    if (response.status() >= 500) {
      return java.util.Optional.of(summary);
    }
    if (response.status() >= 400) {
      String type = String.valueOf(response.header("Content-Type"));
      if (!type.startsWith("application/problem+json")) {
        return java.util.Optional.of("not problem+json (" + type + "): " + summary);
      }
      try {
        JsonObject problem = response.json();
        if (problem.getInteger("status", -1) != response.status() || problem.getString("title") == null) {
          return java.util.Optional.of("problem without status or title: " + summary);
        }
      } catch (RuntimeException e) {
        return java.util.Optional.of("problem that is not JSON: " + summary);
      }
    }
    return java.util.Optional.empty();
  }

  // ---- the routes, from the document

  private static List<Operation> operations(JsonObject document) {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String template : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(template);
      for (String method : WRITE_METHODS) {
        JsonObject operation = item.getJsonObject(method);
        if (operation == null) {
          continue;
        }
        JsonObject schema = resolve(document, operation.getJsonObject("requestBody", new JsonObject())
            .getJsonObject("content", new JsonObject()).getJsonObject("application/json", new JsonObject())
            .getJsonObject("schema", new JsonObject()));
        List<String> headers = new ArrayList<>();
        for (Object parameter : operation.getJsonArray("parameters", new JsonArray())) {
          JsonObject resolved = resolve(document, (JsonObject) parameter);
          if ("header".equals(resolved.getString("in"))) {
            headers.add(resolved.getString("name"));
          }
        }
        operations.add(new Operation(method.toUpperCase(), template, schema, headers));
      }
    }
    // Closing or opening sessions last: the caller's own session must live through the other routes.
    operations.sort(Comparator.comparing(operation -> operation.template().endsWith("/session")));
    return operations;
  }

  private static JsonObject resolve(JsonObject document, JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) {
      target = target.getJsonObject(part, new JsonObject());
    }
    return resolve(document, target);
  }

  // ---- real values for path parameters and bodies

  /** The template with each parameter filled from real data, or a harmless made-up value when none is found. */
  private static String realPath(String template) {
    StringBuilder path = new StringBuilder();
    Object context = null;
    Matcher matcher = PARAMETER.matcher(template);
    int end = 0;
    while (matcher.find()) {
      path.append(template, end, matcher.start());
      String name = matcher.group(1);
      String value;
      if (name.equals("tenant")) {
        value = "somme";
      } else if (name.equals("slug")) {
        value = "allier"; // a platform route: acting on another tenant keeps the Somme's session usable
      } else {
        Object element = listElement(send("GET", stripSlash(path.toString()), null, null), context);
        context = element;
        value = identifier(element, name);
      }
      path.append(value);
      end = matcher.end();
    }
    return path.append(template.substring(end)).toString();
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The first element of the list an answer holds (or, failing that, of a list inside the previous element). */
  private static Object listElement(Response list, Object previous) {
    JsonArray array = null;
    if (list.status() == 200) {
      try {
        Object parsed = io.vertx.core.json.Json.decodeValue(list.body());
        array = firstArray(parsed);
      } catch (RuntimeException notJson) {
        array = null;
      }
    }
    if ((array == null || array.isEmpty()) && previous != null) {
      array = firstArray(previous instanceof JsonObject object ? new JsonObject(object.getMap()) : previous);
    }
    if (array == null || array.isEmpty()) {
      return null;
    }
    // An element that is not the caller itself: changing one's own account could end the session.
    for (Object element : array) {
      if (!String.valueOf(element).contains("\"admin\"")) {
        return element;
      }
    }
    return array.getValue(0);
  }

  private static JsonArray firstArray(Object value) {
    if (value instanceof JsonArray array) {
      return array;
    }
    if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        if (entry.getValue() instanceof JsonArray array && !array.isEmpty()) {
          return array;
        }
      }
    }
    return null;
  }

  private static String identifier(Object element, String name) {
    if (element instanceof String text) {
      return text;
    }
    if (element instanceof JsonObject object) {
      for (String key : List.of(name, "id", "code", "slug", "number", "username")) {
        Object value = object.getValue(key);
        if (value instanceof String || value instanceof Number) {
          return java.net.URLEncoder.encode(value.toString(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    return "inexistant";
  }

  /** A plausible body: the resource as it is (for a change), else the first listed one, completed from the schema. */
  private static JsonObject baseBody(Operation operation, String path, JsonObject document) {
    JsonObject base = new JsonObject();
    Response current = send("GET", path, null, null);
    Object sample = null;
    if (current.status() == 200) {
      try {
        sample = io.vertx.core.json.Json.decodeValue(current.body());
      } catch (RuntimeException notJson) {
        sample = null;
      }
    }
    if (sample instanceof JsonArray array && !array.isEmpty()) {
      sample = listElement(current, null);
    }
    if (sample instanceof JsonObject object) {
      base = object.copy();
      base.remove("links");
    }
    JsonObject properties = operation.schema().getJsonObject("properties", new JsonObject());
    for (String key : properties.fieldNames()) {
      if (!base.containsKey(key)) {
        base.put(key, plausible(resolve(document, properties.getJsonObject(key))));
      }
    }
    return base;
  }

  private static Object plausible(JsonObject schema) {
    if (schema.getJsonArray("enum") != null && !schema.getJsonArray("enum").isEmpty()) {
      return schema.getJsonArray("enum").getValue(0);
    }
    return switch (schema.getString("type", "string")) {
      case "integer", "number" -> 1;
      case "boolean" -> true;
      case "array" -> new JsonArray();
      case "object" -> new JsonObject();
      default -> "date".equals(schema.getString("format")) ? "2026-01-15" : "essai";
    };
  }

  // ---- the cases

  private static final List<String> MALFORMED = List.of("", "{", "{\"a\":", "[1,", "nul", "[]", "123", "\"texte\"", "null",
      "{\"a\" 1}", "[".repeat(3000) + "]".repeat(3000), "{\"a\":" + "1".repeat(5000) + "}");
  private static final List<String> VERSIONS = List.of("\"abc\"", "\"-1\"", "\"99999999999999999999\"", "W/\"1\"", "*", "\"1.5\"");
  private static final List<String> QUERIES = List.of("version=abc", "version=-1", "version=99999999999", "version=%00",
      "version=1e9", "territoire=%01", "x=" + "y".repeat(2000));
  private static final List<String> HOSTILE_SEGMENTS = List.of("%00", "-1", "%C2%85", "0", "99999999999999999999",
      "x".repeat(300), "%2e%2e", "a%0Ab", "%E2%80%AE", "%F0%9F%98%80");
  private static final List<Object> CONTROLS = List.of("a\u0000b", "\u0007", "x\u001b[31m", "ligne\u0085", "x\u007f",
      RAW + "\"\\ud800\"", "\ufffe");
  private static final List<Object> LONG_TEXTS = List.of("x".repeat(5_000), "x".repeat(200_000));
  private static final List<Object> WRONG_TYPES = List.of(123, -1, 1.5, true, false, new JsonObject().put("$ne", 1),
      new JsonArray(), new JsonArray().add("a"), new JsonArray().add(new JsonObject().put("a", 1)), RAW + "1e400",
      RAW + "-0", RAW + "12345678901234567890", RAW + "null");

  /**
   * What one operation receives: a sample of each kind of whole-body, header, query and path mistake, and, for every
   * field, a control character, an over-long text and a value of another type (drawn from the seeded generator).
   */
  private static List<Case> cases(Operation operation, JsonObject document, Random random) {
    String path = realPath(operation.template());
    String method = operation.method();
    JsonObject base = baseBody(operation, path, document);
    String json = "application/json";
    String encoded = base.encode();
    List<Case> all = new ArrayList<>();
    for (String malformed : pick(MALFORMED, 5, random)) {
      all.add(new Case("malformed " + abbreviate(malformed, 20), method, path, json, malformed));
    }
    all.add(new Case("byte-order mark", method, path, json, "\ufeff" + encoded));
    for (int i = 0; i < 2 && encoded.length() > 2; i++) {
      all.add(new Case("truncated", method, path, json, encoded.substring(0, 1 + random.nextInt(encoded.length() - 1))));
    }
    all.add(new Case("control character in a key", method, path, json, raw(base.copy().put(RAW + "\"a\\u0000b\"", 1))));
    all.add(new Case("over the body limit", method, path, json, "{\"a\": \"" + "x".repeat(1_100_000) + "\"}"));
    all.add(new Case("form instead of JSON", method, path, "application/x-www-form-urlencoded", "a=%00"));
    all.add(new Case("text instead of JSON", method, path, "text/plain", encoded));
    for (String version : pick(VERSIONS, 2, random)) {
      all.add(new Case("If-Match " + version, method, path, json, encoded, "If-Match", version));
    }
    for (String query : pick(QUERIES, 2, random)) {
      all.add(new Case("query " + abbreviate(query, 20), method, path + "?" + query, json, encoded));
    }
    Matcher parameters = PARAMETER.matcher(operation.template());
    while (parameters.find()) {
      String template = operation.template().substring(0, parameters.start()) + "§" + operation.template().substring(parameters.end());
      String real = realPath(template);
      for (String hostile : pick(HOSTILE_SEGMENTS, 4, random)) {
        all.add(new Case("path {" + parameters.group(1) + "} = " + abbreviate(hostile, 20), method, real.replace("§", hostile),
            json, encoded));
      }
    }
    for (String field : fieldPaths(base)) {
      List<Object> values = new ArrayList<>();
      values.add(pick(CONTROLS, 1, random).get(0));
      values.add(pick(LONG_TEXTS, 1, random).get(0));
      values.add(pick(WRONG_TYPES, 1, random).get(0));
      values.add(get(base, field) instanceof String ? null : "texte");
      for (Object value : values) {
        JsonObject body = base.copy();
        set(body, field, value);
        all.add(new Case(field + " = " + abbreviate(String.valueOf(value), 30), method, path, json, raw(body)));
      }
    }
    Collections.shuffle(all, random);
    return all;
  }

  private static <T> List<T> pick(List<T> values, int count, Random random) {
    List<T> copy = new ArrayList<>(values);
    Collections.shuffle(copy, random);
    return copy.subList(0, Math.min(count, copy.size()));
  }

  /** Top-level fields, the fields of nested objects and the first item of lists, as dotted paths. */
  private static List<String> fieldPaths(JsonObject base) {
    List<String> paths = new ArrayList<>();
    for (Map.Entry<String, Object> entry : base) {
      String key = entry.getKey();
      paths.add(key);
      if (entry.getValue() instanceof JsonObject nested) {
        nested.fieldNames().forEach(inner -> paths.add(key + "." + inner));
      } else if (entry.getValue() instanceof JsonArray array && !array.isEmpty()) {
        paths.add(key + "[0]");
        if (array.getValue(0) instanceof JsonObject item) {
          item.fieldNames().forEach(inner -> paths.add(key + "[0]." + inner));
        }
      }
    }
    // a field the body does not have yet, for bodies that are empty or documented without properties
    paths.add("title");
    return paths;
  }

  private static Object get(JsonObject body, String field) {
    Object current = body;
    for (String part : field.split("\\.")) {
      current = step(current, part, false);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private static void set(JsonObject body, String field, Object value) {
    String[] parts = field.split("\\.");
    Object current = body;
    for (int i = 0; i < parts.length - 1; i++) {
      current = step(current, parts[i], true);
    }
    String last = parts[parts.length - 1];
    if (last.endsWith("[0]")) {
      Object list = step(current, last.substring(0, last.length() - 3), true);
      if (list instanceof JsonArray array) {
        if (array.isEmpty()) {
          array.add(value);
        } else {
          array.set(0, value);
        }
      }
    } else if (current instanceof JsonObject object) {
      object.put(last, value);
    }
  }

  private static Object step(Object current, String part, boolean create) {
    boolean first = part.endsWith("[0]");
    String key = first ? part.substring(0, part.length() - 3) : part;
    if (!(current instanceof JsonObject object)) {
      return null;
    }
    Object next = object.getValue(key);
    if (next == null && create) {
      next = first ? new JsonArray() : new JsonObject();
      object.put(key, next);
    }
    if (first && next instanceof JsonArray array) {
      return array.isEmpty() ? null : array.getValue(0);
    }
    return next;
  }

  /** The JSON text, with the raw pieces put in place of their markers. */
  private static String raw(JsonObject body) {
    String text = body.encode();
    Matcher markers = Pattern.compile("\"" + Pattern.quote(RAW) + "((?:[^\"\\\\]|\\\\.)*)\"").matcher(text);
    StringBuilder result = new StringBuilder();
    while (markers.find()) {
      String rawText = markers.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
      markers.appendReplacement(result, Matcher.quoteReplacement(rawText));
    }
    markers.appendTail(result);
    return result.toString();
  }

  private static String abbreviate(String text, int max) {
    String visible = text.replaceAll("\\p{Cntrl}", "?");
    return visible.length() <= max ? visible : visible.substring(0, max) + "…";
  }
}
