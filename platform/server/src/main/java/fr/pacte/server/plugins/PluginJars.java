package fr.pacte.server.plugins;

import fr.pacte.api.PacteApi;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.pf4j.VersionManager;
import org.pf4j.DefaultVersionManager;

/**
 * Finds plugin jars and checks them before PF4J loads them, so that a bad jar is refused with a message that
 * names the file and says what is wrong.
 *
 * <p>The plugin directory may hold jars directly (a third party drops one in) or, in a source checkout,
 * plugin module folders whose build left the jar in {@code <module>/target/}.
 */
final class PluginJars {

  private static final VersionManager VERSIONS = new DefaultVersionManager();

  private PluginJars() {
  }

  static List<Path> discover(Path directory) throws IOException {
    List<Path> jars = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return jars;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (isJar(entry)) {
          jars.add(entry);
        } else if (Files.isDirectory(entry.resolve("target"))) {
          try (DirectoryStream<Path> built = Files.newDirectoryStream(entry.resolve("target"), "*.jar")) {
            built.forEach(jar -> {
              if (isJar(jar)) {
                jars.add(jar);
              }
            });
          }
        }
      }
    }
    jars.sort(null);
    return jars;
  }

  private static boolean isJar(Path path) {
    String name = path.getFileName().toString();
    return Files.isRegularFile(path) && name.endsWith(".jar") && !name.endsWith("-sources.jar")
        && !name.endsWith("-javadoc.jar") && !name.endsWith("-tests.jar") && !name.startsWith("original-");
  }

  /**
   * Checks that {@code jar} is a readable jar with a plugin descriptor requiring a compatible API.
   *
   * @return null when the jar may be loaded, otherwise the reason to refuse it
   */
  static String refusalReason(Path jar) {
    Manifest manifest;
    try (JarFile file = new JarFile(jar.toFile())) {
      manifest = file.getManifest();
    } catch (IOException e) {
      return "fichier illisible : ce n'est pas une archive jar valide (" + e.getMessage() + ")";
    }
    if (manifest == null) {
      return "pas de descripteur de plugin : le jar n'a pas de META-INF/MANIFEST.MF";
    }
    Attributes attributes = manifest.getMainAttributes();
    String id = attributes.getValue("Plugin-Id");
    if (id == null || id.isBlank()) {
      return "pas de descripteur de plugin : l'entrée Plugin-Id manque dans le MANIFEST.MF";
    }
    if (!id.matches("[a-z][a-z0-9-]{1,62}")) {
      return "identifiant de plugin invalide « " + id + " » : minuscules, chiffres et tirets attendus";
    }
    String version = attributes.getValue("Plugin-Version");
    if (version == null || version.isBlank()) {
      return "le plugin « " + id + " » n'indique pas sa version (Plugin-Version)";
    }
    String requires = attributes.getValue("Plugin-Requires");
    if (requires == null || requires.isBlank()) {
      return "le plugin « " + id + " » n'indique pas la version de l'API Pacte qu'il requiert (Plugin-Requires)";
    }
    boolean compatible;
    try {
      compatible = VERSIONS.checkVersionConstraint(PacteApi.VERSION, requires.trim());
    } catch (RuntimeException e) {
      return "le plugin « " + id + " » a une contrainte Plugin-Requires illisible : « " + requires + " »";
    }
    if (!compatible) {
      return "version d'API incompatible : le plugin « " + id + " » requiert l'API Pacte « " + requires
          + " », la plateforme fournit la version " + PacteApi.VERSION;
    }
    return null;
  }
}
