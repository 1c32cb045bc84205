package fr.pacte.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the Pacte source checkout a test runs in, for its {@code tenants/} and built {@code plugins/}. */
public final class Repository {

  private Repository() {
  }

  public static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("tenants")) && Files.isDirectory(dir.resolve("platform"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("not inside a Pacte checkout (no tenants/ and platform/ above " + Path.of("").toAbsolutePath() + ")");
  }

  public static Path tenants() {
    return root().resolve("tenants");
  }

  /** The jar a plugin module's build left in {@code plugins/<module>/target/}. */
  public static Path builtPlugin(String module) {
    Path target = root().resolve("plugins").resolve(module).resolve("target");
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*.jar")) {
      for (Path jar : jars) {
        String name = jar.getFileName().toString();
        if (!name.endsWith("-sources.jar") && !name.endsWith("-tests.jar") && !name.startsWith("original-")) {
          return jar;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("plugin module " + module + " is not built: run mvn package first", e);
    }
    throw new IllegalStateException("no jar in " + target + ": build the plugin module first");
  }
}
