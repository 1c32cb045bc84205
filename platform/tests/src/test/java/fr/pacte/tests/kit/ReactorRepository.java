package fr.pacte.tests.kit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Maven local repository of its own for building a plugin as a third party would, outside this checkout: the
 * reactor's Pacte artifacts (parent, BOM, plugin API, host, test kit) put into it as a release would publish them,
 * and every other artifact copied on demand from the build's own local repository, declared as the only remote
 * repository (a {@code file:} mirror). Nothing is installed into the shared local repository and nothing is
 * downloaded from the network.
 */
final class ReactorRepository {

  private static final String VERSION = "0.1.0-SNAPSHOT";

  private final Path repository;
  private final Path settings;

  private ReactorRepository(Path repository, Path settings) {
    this.repository = repository;
    this.settings = settings;
  }

  /** A new repository under {@code directory}, seeded with the reactor's Pacte artifacts. */
  static ReactorRepository seed(Path directory) throws IOException {
    Path root = Repository.root();
    Path repository = Files.createDirectories(directory.resolve("repository"));
    install(repository, "pacte-parent", root.resolve("pom.xml"), null);
    install(repository, "pacte-bom", root.resolve("platform/bom/pom.xml"), null);
    install(repository, "pacte-plugin-api", root.resolve("platform/plugin-api/pom.xml"),
        root.resolve("platform/plugin-api/target/pacte-plugin-api-" + VERSION + ".jar"));
    install(repository, "pacte-server", root.resolve("platform/server/pom.xml"),
        root.resolve("platform/server/target/pacte-server.jar"));
    install(repository, "pacte-testkit", root.resolve("platform/testkit/pom.xml"),
        root.resolve("platform/testkit/target/pacte-testkit-" + VERSION + ".jar"));
    Path shared = Path.of(System.getProperty("pacte.maven.repository",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    Path settings = directory.resolve("settings.xml");
    Files.writeString(settings, """
        <settings>
          <mirrors>
            <mirror>
              <id>build-repository</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """.formatted(shared.toUri()));
    return new ReactorRepository(repository, settings);
  }

  private static void install(Path repository, String artifactId, Path pom, Path jar) throws IOException {
    assertTrue(Files.isRegularFile(pom), pom + " missing");
    Path folder = Files.createDirectories(repository.resolve("fr/pacte/" + artifactId + "/" + VERSION));
    Files.copy(pom, folder.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      assertTrue(Files.isRegularFile(jar), jar + " is not built: build the reactor first (mvn verify)");
      Files.copy(jar, folder.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Runs Maven in {@code project} with this repository, offline but for the {@code file:} mirror; the output goes to
   * {@code log}. Returns the exit code.
   */
  int mvn(Path project, Path log, String... goals) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-s", settings.toString(),
        "-Dmaven.repo.local=" + repository, "-Daether.offline.protocols=file", "-o"));
    command.addAll(List.of(goals));
    Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(8, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("Maven did not finish within 8 minutes; see " + log);
    }
    return process.exitValue();
  }

  Path path() {
    return repository;
  }
}
