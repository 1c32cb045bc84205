package fr.pacte.tests.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The plugin archetype, as an outside developer uses it: a plugin generated in a temporary folder builds offline
 * against a local repository and passes its own tests (the fiche check, and the kit's contract on its jar in a real
 * platform); its jar is then uploaded to a running platform through the API, enabled for one département, and its page
 * and API answer there, and 404 in another département, with no restart.
 */
class PluginArchetypeTest {

  private static final String ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate";
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final String LABEL = "Faciliter l'accès aux modes de garde";

  @Test
  void aGeneratedPluginBuildsOfflinePassesTheKitAndIsInstalledOnARunningPlatform() throws Exception {
    Path work = Files.createTempDirectory("pacte-archetype-");
    try {
      ReactorRepository repository = ReactorRepository.seed(work);
      Path archetype = Files.createDirectories(repository.path().resolve("fr/pacte/pacte-plugin-archetype/" + VERSION));
      Path root = Repository.root().resolve("platform/plugin-archetype");
      Files.copy(root.resolve("pom.xml"), archetype.resolve("pacte-plugin-archetype-" + VERSION + ".pom"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(root.resolve("target/pacte-plugin-archetype-" + VERSION + ".jar"),
          archetype.resolve("pacte-plugin-archetype-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);

      Path generation = work.resolve("generate.log");
      int generated = repository.mvn(work, generation, ARCHETYPE_PLUGIN, "-DinteractiveMode=false",
          "-DarchetypeGroupId=fr.pacte", "-DarchetypeArtifactId=pacte-plugin-archetype", "-DarchetypeVersion=" + VERSION,
          "-DgroupId=org.example.garde", "-DartifactId=pacte-plugin-garde", "-Dversion=1.0.0",
          "-Dpackage=org.example.garde", "-DpluginId=garde", "-Dlabel=" + LABEL);
      assertEquals(0, generated, "generation failed:\n" + StandaloneGuidePomTest.tail(Files.readString(generation)));
      Path project = work.resolve("pacte-plugin-garde");
      assertTrue(Files.isRegularFile(project.resolve("src/main/resources/db/garde/V1__notes.sql")));

      Path build = work.resolve("build.log");
      int built = repository.mvn(project, build, "verify");
      assertEquals(0, built, "the generated plugin's build failed:\n" + StandaloneGuidePomTest.tail(Files.readString(build)));
      String contract = Files.readString(project.resolve("target/failsafe-reports/org.example.garde.PluginIT.txt"));
      assertTrue(contract.contains("Failures: 0, Errors: 0, Skipped: 0"), "the kit's contract passed:\n" + contract);
      assertTrue(Files.readString(project.resolve("target/surefire-reports/org.example.garde.PluginActionTypeTest.txt"))
          .contains("Failures: 0, Errors: 0, Skipped: 0"), "the fiche check passed");

      byte[] jar = Files.readAllBytes(project.resolve("target/pacte-plugin-garde-1.0.0.jar"));
      try (TestPlatform platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").start()) {
        TestPlatform.Client operators = platform.administrators();
        assertEquals(404, operators.get("/t/somme/modules/garde/", "Accept", "text/html").status(), "not installed yet");
        TestPlatform.Response installed = operators.postJson("/api/platform/plugins", new JsonObject()
            .put("fileName", "pacte-plugin-garde-1.0.0.jar").put("content", Base64.getEncoder().encodeToString(jar)).encode());
        assertEquals(201, installed.status(), installed.body());
        TestPlatform.Client somme = platform.login("somme", "admin");
        assertEquals(200, somme.putJson("/api/tenants/somme/plugins/garde", "{\"enabled\": true}").status());

        TestPlatform.Response page = somme.get("/t/somme/modules/garde/", "Accept", "text/html");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("<h1>Faciliter l&#39;accès aux modes de garde</h1>"), page.body());
        assertEquals(201, somme.postJson("/api/tenants/somme/modules/garde/notes", "{\"body\": \"Une note\"}").status());
        assertEquals("Une note", somme.get("/api/tenants/somme/modules/garde/notes").json().getJsonArray("notes")
            .getJsonObject(0).getString("body"));

        TestPlatform.Client allier = platform.login("allier", "admin");
        assertEquals(404, allier.get("/t/allier/modules/garde/", "Accept", "text/html").status());
        assertEquals(404, allier.get("/api/tenants/allier/modules/garde/notes").status());
      }
    } finally {
      StandaloneGuidePomTest.delete(work);
    }
  }
}
