package fr.pacte.server.web;

import fr.pacte.server.text.TextRules;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses, before any route runs, characters that no text may hold (see {@link TextRules}) wherever a request
 * carries text: the path, the query string, form fields and every string and key of a JSON body. A JSON body
 * that does not parse is refused here too. Errors name the field (a JSON path such as {@code contacts[0].name},
 * a form field or a query parameter), so the API answers 400 problem+json naming the field.
 *
 * <p>A form posted to one of the platform's own pages is the exception: its values are left to the page's input
 * validator, which applies the same {@link TextRules} through {@link Fields} and refuses the field with its French
 * message next to it, the form shown again with what was typed. Only a control character in a field's name (no field to
 * show it on) is refused here. Plugins' pages ({@code /t/<tenant>/modules/…}) keep the refusal here: their validators
 * are their own. Lengths and types are checked by each input's validator, which knows its fields.
 */
public final class InputGuard implements Handler<RoutingContext> {

  /** A query parameter is a filter or a return address: longer is not a person's input. */
  public static final int MAX_QUERY_VALUE = 1000;
  private static final int MAX_ERRORS = 20;
  /** Percent-escapes of C0 controls, DEL, and the UTF-8 encoding of the C1 controls. */
  /** Plugins' pages: their forms are read by the plugin's own code. */
  private static final Pattern HOST_PAGE_EXCEPTIONS = Pattern.compile("^/t/[^/]+/modules/");
  private static final Pattern ESCAPED_CONTROL = Pattern.compile("%(?:[01][0-9a-f]|7f|c2%[89][0-9a-f])", Pattern.CASE_INSENSITIVE);

  @Override
  public void handle(RoutingContext request) {
    if (ESCAPED_CONTROL.matcher(request.request().path()).find()) {
      request.fail(400, Problem.badRequest("L'adresse demandée contient un caractère de contrôle : elle ne désigne aucune ressource."));
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    query(request, errors);
    String contentType = String.valueOf(request.request().getHeader("Content-Type")).toLowerCase();
    if (isJson(contentType)) {
      Buffer body = request.body() == null ? null : request.body().buffer();
      if (body != null && body.length() > 0 && !body.toString().isBlank()) {
        Object json;
        try {
          json = io.vertx.core.json.Json.decodeValue(body);
        } catch (DecodeException | IllegalArgumentException e) {
          request.fail(400, Problem.badRequest("Le corps de la requête n'est pas du JSON valide (tronqué ou mal formé)."));
          return;
        }
        walk(json, "", errors);
      }
    } else if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/form-data")) {
      form(request.request().formAttributes(), !isHostPage(request.request().path()), errors);
    }
    if (errors.isEmpty()) {
      request.next();
    } else {
      request.fail(400, Problem.validation(errors));
    }
  }

  static boolean isJson(String contentType) {
    return contentType.startsWith("application/json") || contentType.matches("application/[a-z0-9.+-]*\\+json.*");
  }

  private static void query(RoutingContext request, List<FieldError> errors) {
    MultiMap params;
    try {
      params = request.queryParams();
    } catch (RuntimeException malformed) {
      return; // a malformed escape is the failure handler's to answer
    }
    for (Map.Entry<String, String> param : params) {
      String name = param.getKey();
      if (TextRules.hasControl(name) || TextRules.problem(param.getValue(), false).isPresent()) {
        add(errors, safeName(name), TextRules.CONTROL_MESSAGE);
      } else if (param.getValue().length() > MAX_QUERY_VALUE) {
        add(errors, safeName(name), "Au plus " + MAX_QUERY_VALUE + " caractères.");
      }
    }
  }

  /** A page of the platform itself, whose form validator shows a refused value next to its field. */
  static boolean isHostPage(String path) {
    return !path.startsWith("/api/") && !HOST_PAGE_EXCEPTIONS.matcher(path).find();
  }

  private static void form(MultiMap form, boolean values, List<FieldError> errors) {
    for (Map.Entry<String, String> field : form) {
      if (TextRules.hasControl(field.getKey()) || values && TextRules.hasControl(field.getValue())) {
        add(errors, safeName(field.getKey()), TextRules.CONTROL_MESSAGE);
      }
    }
  }

  private static void walk(Object value, String path, List<FieldError> errors) {
    if (value instanceof String text) {
      if (TextRules.hasControl(text)) {
        add(errors, path.isEmpty() ? "(corps)" : path, TextRules.CONTROL_MESSAGE);
      }
    } else if (value instanceof JsonObject object) {
      for (Map.Entry<String, Object> entry : object) {
        String key = entry.getKey();
        String field = path.isEmpty() ? safeName(key) : path + "." + safeName(key);
        if (TextRules.hasControl(key)) {
          add(errors, field, "Ce nom de champ contient un caractère de contrôle.");
        }
        walk(entry.getValue(), field, errors);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        walk(array.getValue(i), path + "[" + i + "]", errors);
      }
    }
  }

  private static void add(List<FieldError> errors, String field, String message) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(new FieldError(field, message));
    }
  }

  /** A field name fit to echo back: controls shown as {@code \\uXXXX}, at most 100 characters. */
  static String safeName(String name) {
    StringBuilder safe = new StringBuilder();
    for (int i = 0; i < name.length() && safe.length() < 100; i++) {
      char c = name.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
        safe.append(String.format("\\u%04x", (int) c));
      } else {
        safe.append(c);
      }
    }
    return safe.toString();
  }
}
