package fr.pacte.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.server.Pacte;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.testkit.Repository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three départements of {@code tenants/} load, reload idempotently, apply edits and refuse bad files. */
class TenantLoadingTest {

  @TempDir
  Path work;

  private PacteConfig config(Path tenants) {
    return new PacteConfig("127.0.0.1", 0, work.resolve("data"), Repository.root().resolve("plugins"), tenants,
        Optional.empty(), "loading-test", true, Optional.empty(), null);
  }

  @Test
  void theRepositoryTenantsLoadOnceAndAnEditedFileIsApplied() throws Exception {
    Path tenants = TenantFolders.copy(Repository.tenants());
    try (Pacte pacte = Pacte.start(config(tenants))) {
      assertEquals(List.of("allier", "deux-sevres", "somme"), pacte.appliedTenantFiles());
      String somme = get(pacte, "/api/tenants/somme");
      assertTrue(somme.contains("\"departementCode\":\"80\""));
      for (String territory : List.of("Picardie Maritime", "Cinq Vallées", "Amiens", "Hauts-de-Somme", "Somme-Santerre")) {
        assertTrue(somme.contains("\"name\":\"" + territory + "\""), territory);
      }
      assertTrue(get(pacte, "/api/tenants/allier").contains("\"departementCode\":\"03\""));
      assertTrue(get(pacte, "/api/tenants/deux-sevres").contains("\"departementCode\":\"79\""));
    }
    try (Pacte pacte = Pacte.start(config(tenants))) {
      assertEquals(List.of(), pacte.appliedTenantFiles(), "unchanged files are not applied again");
      assertEquals(8, countOccurrences(get(pacte, "/api/tenants/somme"), "\"layer\""), "no duplicated territory");
    }
    Path file = tenants.resolve("allier/tenant.yaml");
    Files.writeString(file, Files.readString(file).replace("display_name: Allier", "display_name: Allier (03)"));
    try (Pacte pacte = Pacte.start(config(tenants))) {
      assertEquals(List.of("allier"), pacte.appliedTenantFiles());
      assertTrue(get(pacte, "/api/tenants/allier").contains("\"displayName\":\"Allier (03)\""));
    }
  }

  @Test
  void aMalformedFileStopsStartUpNamingTheFileLineAndField() throws IOException {
    Path tenants = TenantFolders.copy(Repository.tenants());
    Path file = tenants.resolve("somme/tenant.yaml");
    Files.writeString(file, Files.readString(file).replace("departement: \"80\"", "departement: \"800\""));
    YamlFileException error = assertThrows(YamlFileException.class, () -> Pacte.start(config(tenants)).close());
    assertEquals("tenants/somme/tenant.yaml", error.file());
    assertEquals(6, error.line());
    assertEquals("departement", error.field());
    assertTrue(error.getMessage().contains("code de département"), error.getMessage());
  }

  private static String get(Pacte pacte, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pacte.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }

  private static int countOccurrences(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
