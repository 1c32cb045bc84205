package fr.pacte.tests.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.testkit.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The standalone {@code pom.xml} of the plugin guide is the one of {@code plugins/standalone-example}, and it builds
 * as written, outside the repository, offline: it compiles the plugin, runs the fiche check (surefire) and the
 * contract of the built jar in a real platform (failsafe), with the Pacte artifacts taken from a local repository.
 */
class StandaloneGuidePomTest {

  private static final Pattern STANDALONE_POM =
      Pattern.compile("<summary>Standalone <code>pom.xml</code></summary>\\s*```xml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theGuidesStandalonePomIsTheExamplesOwn() throws IOException {
    assertEquals(Files.readString(example().resolve("pom.xml")), guidePom(),
        "plugins/README.md shows plugins/standalone-example/pom.xml as it is");
  }

  @Test
  void theGuidesStandalonePomBuildsAndRunsTheKitsTestsOfflineFromALocalRepository() throws Exception {
    Path work = Files.createTempDirectory("pacte-standalone-");
    try {
      ReactorRepository repository = ReactorRepository.seed(work);
      Path project = copy(example(), work.resolve("modes-de-garde"));
      Files.writeString(project.resolve("pom.xml"), guidePom());
      Path log = work.resolve("build.log");

      int exit = repository.mvn(project, log, "verify");

      String output = Files.readString(log);
      assertEquals(0, exit, "the standalone build failed:\n" + tail(output));
      assertTrue(Files.isRegularFile(project.resolve("target/pacte-plugin-modes-de-garde-1.0.0.jar")), tail(output));
      assertTrue(Files.readString(project.resolve("target/surefire-reports/org.example.pacte.garde.ChildcareActionTypeTest.txt"))
          .contains("Failures: 0, Errors: 0, Skipped: 0"), "the fiche check ran and passed");
      String contract = Files.readString(project.resolve("target/failsafe-reports/org.example.pacte.garde.ChildcareIT.txt"));
      assertTrue(contract.contains("Failures: 0, Errors: 0, Skipped: 0") && !contract.contains("Tests run: 0"),
          "the kit's contract ran on the jar and passed:\n" + contract);
    } finally {
      delete(work);
    }
  }

  static Path example() {
    return Repository.root().resolve("plugins/standalone-example");
  }

  static String guidePom() throws IOException {
    Matcher matcher = STANDALONE_POM.matcher(Files.readString(Repository.root().resolve("plugins/README.md")));
    assertTrue(matcher.find(), "plugins/README.md has a standalone pom.xml");
    return matcher.group(1);
  }

  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(f -> !from.relativize(f).startsWith("target")).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  static String tail(String output) {
    return output.length() > 6000 ? output.substring(output.length() - 6000) : output;
  }

  static void delete(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
