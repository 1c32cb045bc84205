package fr.pacte.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pf4j.ExtensionPoint;

/**
 * What the binary-compatibility check (japicmp, in the build) cannot see: plugins implement the extension points, so a
 * method added to one without a default compiles in the API and links in old plugins, then fails with
 * AbstractMethodError when the host calls it. Also that the baseline is a release of this major version, and that
 * every public type says since when it exists.
 */
class ExtensionPointsTest {

  private static final Path BASELINE = Path.of(System.getProperty("pacte.api.baseline.jar",
      "compatibility/pacte-plugin-api-" + System.getProperty("pacte.api.baseline", "?") + ".jar"));

  @Test
  void extensionPointsGainOnlyDefaultMethodsWithinAMajorVersion() throws Exception {
    try (BaselineLoader baseline = new BaselineLoader(BASELINE)) {
      List<String> extensionPoints = new ArrayList<>();
      for (String name : baseline.apiClassNames()) {
        Class<?> old = baseline.loadClass(name);
        if (!old.isInterface() || !ExtensionPoint.class.isAssignableFrom(old) || !Modifier.isPublic(old.getModifiers())) {
          continue;
        }
        extensionPoints.add(old.getSimpleName());
        Class<?> current = Class.forName(name);
        assertTrue(ExtensionPoint.class.isAssignableFrom(current), name + " is still an extension point");
        assertEquals(abstractMethods(old), abstractMethods(current),
            name + ": a plugin built against " + baseline.version() + " implements exactly these methods; "
                + "a new method needs a default");
      }
      assertEquals(List.of("ActionType", "PacteModule"), extensionPoints.stream().sorted().toList(),
          "the baseline's extension points were all checked");
    }
  }

  @Test
  void theBaselineIsAReleaseOfThisMajorVersionNotAfterThisOne() throws Exception {
    try (BaselineLoader baseline = new BaselineLoader(BASELINE)) {
      assertEquals(System.getProperty("pacte.api.baseline"), baseline.version(), "the baseline jar is the one named");
      int[] old = parse(baseline.version());
      int[] current = parse(PacteApi.VERSION);
      assertEquals(old[0], current[0], "a new major version moves the baseline to its own first release");
      // Equal right after a release moves the baseline to it, or when a new major starts from its own jar.
      assertTrue(Arrays.compare(current, old) >= 0, PacteApi.VERSION + " is not older than the baseline " + baseline.version());
    }
  }

  @Test
  void everyPublicTypeSaysSinceWhenItExists() throws IOException {
    List<String> missing;
    try (Stream<Path> sources = Files.list(Path.of("src/main/java/fr/pacte/api"))) {
      missing = sources.filter(source -> source.toString().endsWith(".java"))
          .filter(source -> {
            String text = read(source);
            return text.contains("\npublic ") && !text.contains("@since ");
          })
          .map(source -> source.getFileName().toString())
          .sorted()
          .toList();
    }
    assertEquals(List.of(), missing);
  }

  private static Set<String> abstractMethods(Class<?> type) {
    return Arrays.stream(type.getMethods())
        .filter(method -> Modifier.isAbstract(method.getModifiers()))
        .map(ExtensionPointsTest::signature)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String signature(Method method) {
    return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getName)
        .collect(Collectors.joining(",", "(", ")"));
  }

  private static int[] parse(String version) {
    return Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  private static String read(Path source) {
    try {
      return Files.readString(source);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Loads the baseline's own classes of {@code fr.pacte.api} first, everything else (PF4J, Vert.x) from the tests. */
  private static final class BaselineLoader extends URLClassLoader {

    private final Path jar;

    BaselineLoader(Path jar) throws IOException {
      super(new URL[] {jar.toUri().toURL()}, ExtensionPointsTest.class.getClassLoader());
      assertTrue(Files.isRegularFile(jar), "baseline jar " + jar + " is committed");
      this.jar = jar;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("fr.pacte.api.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }

    List<String> apiClassNames() throws IOException {
      try (JarFile file = new JarFile(jar.toFile())) {
        return file.stream().map(entry -> entry.getName())
            .filter(name -> name.startsWith("fr/pacte/api/") && name.endsWith(".class"))
            .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
            .sorted()
            .toList();
      }
    }

    String version() throws IOException {
      try (InputStream in = findResource("fr/pacte/api/api.properties").openStream()) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("api.version");
      }
    }
  }
}
