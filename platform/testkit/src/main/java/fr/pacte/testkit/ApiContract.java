package fr.pacte.testkit;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import fr.pacte.server.Pacte;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The platform's OpenAPI document ({@code openapi/pacte.yaml}) as a contract the tests hold every answer to: the test
 * kit's HTTP client checks each response of an API route (status, content type, body against the operation's response
 * schema, required headers such as ETag) and fails the test on the first mismatch. Whether every route is documented
 * is another test's business (the router against the document): a path the document lacks (a plugin's own route, an
 * address a test makes up to get a 404) is not checked here.
 */
public final class ApiContract {

  /** The class-path resource of the document, in the server's jar. */
  public static final String DOCUMENT = "/openapi/pacte.yaml";

  private static volatile OpenApiInteractionValidator validator;

  private ApiContract() {
  }

  /** Whether the platform answers this path as API (JSON, problem+json) rather than as pages. */
  public static boolean isApi(String path) {
    return path.startsWith("/api/") || path.startsWith("/health/") || path.equals("/metrics");
  }

  /** The document's text. */
  public static String document() {
    try (InputStream in = Pacte.class.getResourceAsStream(DOCUMENT)) {
      if (in == null) {
        throw new IllegalStateException("the server has no " + DOCUMENT);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fails with every mismatch when the answer to {@code method path} is not the one the document describes.
   *
   * @param target  the path, with or without its query
   * @param headers the response's headers
   */
  public static void check(String method, String target, int status, Map<String, List<String>> headers, String body) {
    String path = target.split("\\?", 2)[0];
    if (!isApi(path)) {
      return;
    }
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    headers.forEach((name, values) -> {
      if (name != null && !name.startsWith(":")) {
        response.withHeader(name, values);
      }
    });
    if (body != null && !body.isEmpty()) {
      response.withBody(body);
    }
    ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)),
        response.build());
    if (report.hasErrors()) {
      throw new AssertionError("the answer to " + method + " " + target + " (" + status + ") is not the one "
          + DOCUMENT + " describes:\n" + report.getMessages().stream()
          .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
          .map(message -> describe(message, "  - "))
          .collect(Collectors.joining("\n")) + "\nbody: " + abbreviated(body));
    }
  }

  private static OpenApiInteractionValidator validator() {
    if (validator == null) {
      synchronized (ApiContract.class) {
        if (validator == null) {
          validator = OpenApiInteractionValidator.createForInlineApiSpecification(document())
              // allOf merged into one schema: responses may carry only the properties the document names.
              .withResolveCombinators(true)
              .withLevelResolver(LevelResolver.create()
                  // Undocumented paths and methods are the router-against-document test's to find.
                  .withLevel("validation.request.path.missing", ValidationReport.Level.IGNORE)
                  .withLevel("validation.request.operation.notAllowed", ValidationReport.Level.IGNORE)
                  .withLevel("validation.response.path.missing", ValidationReport.Level.IGNORE)
                  .withLevel("validation.response.operation.notAllowed", ValidationReport.Level.IGNORE)
                  .build())
              .build();
        }
      }
    }
    return validator;
  }

  /** A message with the reasons nested in it (which part of an allOf failed, and why). */
  private static String describe(ValidationReport.Message message, String indent) {
    String line = indent + message.getKey() + ": " + message.getMessage()
        + message.getContext().flatMap(ValidationReport.MessageContext::getPointers)
            .map(pointers -> " (at " + pointers.getInstance() + ")").orElse("");
    String nested = message.getNestedMessages().stream().map(inner -> describe(inner, "  " + indent))
        .collect(Collectors.joining("\n"));
    String info = String.join("; ", message.getAdditionalInfo());
    return line + (info.isEmpty() ? "" : " [" + info + "]") + (nested.isEmpty() ? "" : "\n" + nested);
  }

  private static String abbreviated(String body) {
    return body == null ? "" : body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
  }
}
