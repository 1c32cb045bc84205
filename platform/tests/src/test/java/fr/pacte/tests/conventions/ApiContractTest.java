package fr.pacte.tests.conventions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.ApiContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test kit's client holds every API answer to the OpenAPI document: what it lets through and what it refuses,
 * shown on answers written here (the API tests give it the real ones).
 */
class ApiContractTest {

  private static final Map<String, List<String>> JSON = Map.of("content-type", List.of("application/json; charset=utf-8"));
  private static final Map<String, List<String>> PROBLEM = Map.of("content-type", List.of("application/problem+json"));
  private static final String TENANT = """
      {"slug": "somme", "name": "Département de la Somme", "departementCode": "80", "timeZone": "Europe/Paris",
       "branding": {"displayName": "Somme", "colour": "#1f4e79", "logo": null},
       "links": {"pages": "/t/somme/", "api": "/api/tenants/somme"}, "territories": []}""";

  @Test
  void anAnswerAsDocumentedPasses() {
    assertDoesNotThrow(() -> ApiContract.check("GET", "/api/tenants/somme", 200, JSON, TENANT));
    assertDoesNotThrow(() -> ApiContract.check("GET", "/api/tenants/nulle-part", 404, PROBLEM,
        "{\"type\": \"https://pacte.fr/problemes/not-found\", \"title\": \"Introuvable\", \"status\": 404}"));
  }

  @Test
  void aMissingRequiredFieldFails() {
    AssertionError error = assertThrows(AssertionError.class, () -> ApiContract.check("GET", "/api/tenants/somme", 200,
        JSON, TENANT.replace("\"departementCode\": \"80\",", "")));
    assertTrue(error.getMessage().contains("departementCode"), error.getMessage());
  }

  @Test
  void aFieldOfTheWrongTypeOrNotInTheDocumentFails() {
    assertThrows(AssertionError.class, () -> ApiContract.check("GET", "/api/tenants/somme", 200, JSON,
        TENANT.replace("\"territories\": []", "\"territories\": {}")));
    AssertionError undocumented = assertThrows(AssertionError.class, () -> ApiContract.check("GET", "/api/tenants/somme",
        200, JSON, TENANT.replace("\"territories\": []", "\"territories\": [], \"secret\": 1")));
    assertTrue(undocumented.getMessage().contains("secret"), undocumented.getMessage());
  }

  @Test
  void anErrorThatIsNotAProblemDocumentFails() {
    assertThrows(AssertionError.class, () -> ApiContract.check("GET", "/api/tenants/nulle-part", 404,
        Map.of("content-type", List.of("text/html")), "<p>introuvable</p>"));
    assertThrows(AssertionError.class, () -> ApiContract.check("GET", "/api/tenants/nulle-part", 404, PROBLEM,
        "{\"detail\": \"sans titre ni statut\"}"));
  }

  @Test
  void aRequiredHeaderMustBeThere() {
    String entry = """
        {"kind": "exit-types", "code": "emploi-durable", "label": "Emploi durable", "description": null,
         "nationalLabel": "Emploi durable", "nationalDescription": null, "overridden": false, "version": 0,
         "changedBy": null, "changedAt": null}""";
    assertThrows(AssertionError.class, () -> ApiContract.check("GET",
        "/api/tenants/somme/referentials/exit-types/emploi-durable", 200, JSON, entry), "the ETag is missing");
    assertDoesNotThrow(() -> ApiContract.check("GET", "/api/tenants/somme/referentials/exit-types/emploi-durable", 200,
        Map.of("content-type", List.of("application/json"), "etag", List.of("\"0\"")), entry));
  }

  @Test
  void aPathTheDocumentLacksIsLeftToTheRouterTest() {
    // A plugin's own route, or an address made up for a 404: whether every route is documented is OpenApiRoutesTest's.
    assertDoesNotThrow(() -> ApiContract.check("GET", "/api/tenants/somme/modules/a-plugin/hello", 200, JSON,
        "{\"anything\": true}"));
    assertDoesNotThrow(() -> ApiContract.check("PATCH", "/api/tenants/somme", 404, PROBLEM,
        "{\"type\": \"about:blank\", \"title\": \"Introuvable\", \"status\": 404}"));
  }

  @Test
  void pagesAreNotApi() {
    assertDoesNotThrow(() -> ApiContract.check("GET", "/t/somme/", 200, Map.of("content-type", List.of("text/html")), "<html>"));
  }
}
