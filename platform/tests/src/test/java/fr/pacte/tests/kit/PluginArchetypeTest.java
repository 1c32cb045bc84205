package fr.pacte.tests.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import fr.pacte.testkit.TestPlatform;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The plugin archetype, as an outside developer uses it, for both kinds of plugin it generates: an action type
 * ({@code kind=action-type}, the default) and a cross-cutting module ({@code kind=module}). Each project, generated in a
 * temporary folder, builds offline against a local repository and passes its own tests (for the action type the fiche
 * check and the kit's contract, for the module its page, API and row-level security, each on its jar in a real
 * platform); both jars are then uploaded to one running platform through the API, enabled for one département, and
 * their pages and API answer there, and 404 in another département, with no restart.
 */
class PluginArchetypeTest {

  private static final String ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:3.4.0:generate";
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final String LABEL = "Faciliter l'accès aux modes de garde";
  private static final String MODULE_LABEL = "Carnet de liaison";

  @Test
  void bothKindsOfGeneratedPluginBuildOfflinePassTheirTestsAndAreInstalledOnARunningPlatform() throws Exception {
    Path work = Files.createTempDirectory("pacte-archetype-");
    try {
      ReactorRepository repository = ReactorRepository.seed(work);
      Path archetype = Files.createDirectories(repository.path().resolve("fr/pacte/pacte-plugin-archetype/" + VERSION));
      Path root = Repository.root().resolve("platform/plugin-archetype");
      Files.copy(root.resolve("pom.xml"), archetype.resolve("pacte-plugin-archetype-" + VERSION + ".pom"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(root.resolve("target/pacte-plugin-archetype-" + VERSION + ".jar"),
          archetype.resolve("pacte-plugin-archetype-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);

      // The action type: the default kind.
      Path garde = generate(repository, work, "pacte-plugin-garde", "org.example.garde", "-DpluginId=garde",
          "-Dlabel=" + LABEL);
      assertTrue(Files.isRegularFile(garde.resolve("src/main/resources/db/garde/V1__notes.sql")));
      assertTrue(Files.isRegularFile(garde.resolve("src/main/java/org/example/garde/PluginActionType.java")));
      build(repository, work, garde, "org.example.garde.PluginIT");
      assertTrue(Files.readString(garde.resolve("target/surefire-reports/org.example.garde.PluginActionTypeTest.txt"))
          .contains("Failures: 0, Errors: 0, Skipped: 0"), "the fiche check passed");

      // The cross-cutting module: no action type, no fiche; a page, an API route, a table under row-level security.
      Path carnet = generate(repository, work, "pacte-plugin-carnet", "org.example.carnet", "-DpluginId=carnet",
          "-Dlabel=" + MODULE_LABEL, "-Dkind=module");
      assertTrue(Files.isRegularFile(carnet.resolve("src/main/resources/db/carnet/V1__notes.sql")));
      assertFalse(Files.exists(carnet.resolve("src/main/java/org/example/carnet/PluginActionType.java")),
          "a module has no action type");
      assertFalse(Files.exists(carnet.resolve("src/test/java/org/example/carnet/PluginActionTypeTest.java")));
      assertFalse(Files.exists(carnet.resolve("src/test/resources/fiche.txt")));
      assertTrue(Files.readString(carnet.resolve("src/main/resources/db/carnet/V1__notes.sql"))
          .contains("FORCE ROW LEVEL SECURITY"));
      build(repository, work, carnet, "org.example.carnet.PluginIT");

      Path gardeJar = garde.resolve("target/pacte-plugin-garde-1.0.0.jar");
      Path carnetJar = carnet.resolve("target/pacte-plugin-carnet-1.0.0.jar");
      assertManifestLikeTheRepositorysPlugins(gardeJar, "garde");
      assertManifestLikeTheRepositorysPlugins(carnetJar, "carnet");

      try (TestPlatform platform = TestPlatform.builder().tenant("somme", "80").tenant("allier", "03").start()) {
        TestPlatform.Client operators = platform.administrators();
        assertEquals(404, operators.get("/t/somme/modules/garde/", "Accept", "text/html").status(), "not installed yet");
        upload(operators, gardeJar);
        upload(operators, carnetJar);
        TestPlatform.Client somme = platform.login("somme", "admin");
        assertEquals(200, somme.putJson("/api/tenants/somme/plugins/garde", "{\"enabled\": true}").status());
        assertEquals(200, somme.putJson("/api/tenants/somme/plugins/carnet", "{\"enabled\": true}").status());

        TestPlatform.Response page = somme.get("/t/somme/modules/garde/", "Accept", "text/html");
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("<h1>Faciliter l&#39;accès aux modes de garde</h1>"), page.body());
        assertEquals(201, somme.postJson("/api/tenants/somme/modules/garde/notes", "{\"body\": \"Une note\"}").status());
        assertEquals("Une note", somme.get("/api/tenants/somme/modules/garde/notes").json().getJsonArray("notes")
            .getJsonObject(0).getString("body"));

        assertEquals(201, somme.postJson("/api/tenants/somme/modules/carnet/notes", "{\"body\": \"Au carnet\"}").status());
        TestPlatform.Response module = somme.get("/t/somme/modules/carnet/", "Accept", "text/html");
        assertEquals(200, module.status(), module.body());
        assertTrue(module.body().contains("<h1>Carnet de liaison</h1>") && module.body().contains("Au carnet"), module.body());

        TestPlatform.Client allier = platform.login("allier", "admin");
        assertEquals(404, allier.get("/t/allier/modules/garde/", "Accept", "text/html").status());
        assertEquals(404, allier.get("/api/tenants/allier/modules/garde/notes").status());
        assertEquals(404, allier.get("/t/allier/modules/carnet/", "Accept", "text/html").status());
        assertEquals(404, allier.get("/api/tenants/allier/modules/carnet/notes").status());
      }
    } finally {
      StandaloneGuidePomTest.delete(work);
    }
  }

  private static Path generate(ReactorRepository repository, Path work, String artifactId, String packageName,
                               String... properties) throws IOException, InterruptedException {
    Path generation = work.resolve("generate-" + artifactId + ".log");
    List<String> goals = new ArrayList<>(List.of(ARCHETYPE_PLUGIN, "-DinteractiveMode=false", "-DarchetypeGroupId=fr.pacte",
        "-DarchetypeArtifactId=pacte-plugin-archetype", "-DarchetypeVersion=" + VERSION, "-DgroupId=" + packageName,
        "-DartifactId=" + artifactId, "-Dversion=1.0.0", "-Dpackage=" + packageName));
    goals.addAll(List.of(properties));
    int generated = repository.mvn(work, generation, goals.toArray(String[]::new));
    assertEquals(0, generated, "generation failed:\n" + StandaloneGuidePomTest.tail(Files.readString(generation)));
    return work.resolve(artifactId);
  }

  private static void build(ReactorRepository repository, Path work, Path project, String integrationTest)
      throws IOException, InterruptedException {
    Path build = work.resolve("build-" + project.getFileName() + ".log");
    int built = repository.mvn(project, build, "verify");
    assertEquals(0, built, project.getFileName() + ": the generated plugin's build failed:\n"
        + StandaloneGuidePomTest.tail(Files.readString(build)));
    String report = Files.readString(project.resolve("target/failsafe-reports/" + integrationTest + ".txt"));
    assertTrue(report.contains("Failures: 0, Errors: 0, Skipped: 0"), "its tests on a real platform passed:\n" + report);
  }

  /** The manifest the host reads, written from the project's properties as plugins/mobility-platform's is. */
  private static void assertManifestLikeTheRepositorysPlugins(Path jar, String pluginId) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      Attributes manifest = file.getManifest().getMainAttributes();
      assertEquals(pluginId, manifest.getValue("Plugin-Id"));
      assertEquals("1.0.0", manifest.getValue("Plugin-Version"));
      assertEquals(">=1.4.0 & <2.0.0", manifest.getValue("Plugin-Requires"));
      assertFalse(manifest.getValue("Plugin-Description").isBlank());
      assertTrue(file.getEntry("META-INF/extensions.idx") != null, "the extensions' index");
    }
  }

  private static void upload(TestPlatform.Client operators, Path jar) throws IOException {
    TestPlatform.Response installed = operators.postJson("/api/platform/plugins", new JsonObject()
        .put("fileName", jar.getFileName().toString())
        .put("content", Base64.getEncoder().encodeToString(Files.readAllBytes(jar))).encode());
    assertEquals(201, installed.status(), installed.body());
  }
}
