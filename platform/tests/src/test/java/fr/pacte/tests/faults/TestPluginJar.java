package fr.pacte.tests.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes a real plugin jar for tests, from classes compiled in the test module.
 *
 * <p>The test module is compiled without annotation processing, so nothing indexes the test plugins: this
 * builder writes {@code META-INF/extensions.idx} itself, one extension class name per line. The classes'
 * bytes are copied from the test class path; inside the jar they are loaded by PF4J's plugin class loader
 * (plugin first), while the plugin API, Vert.x and PF4J come from the host.
 *
 * <pre>
 * Path jar = TestPluginJar.builder("my-plugin").extension(MyModule.class).writeTo(dir, "my-plugin.jar");
 * Path broken = TestPluginJar.builder("x").garbage().writeTo(dir, "x.jar");
 * </pre>
 */
public final class TestPluginJar {

  /** What Pacte plugins usually require: the current major version of the API. */
  public static final String DEFAULT_REQUIRES = ">=1.0.0 & <2.0.0";

  private final Map<String, String> manifest = new LinkedHashMap<>();
  private final Set<Class<?>> classes = new LinkedHashSet<>();
  private final List<String> extensions = new ArrayList<>();
  private final Map<String, byte[]> resources = new LinkedHashMap<>();
  private boolean withManifest = true;
  private boolean withIndex = true;
  private byte[] garbage;

  private TestPluginJar(String pluginId) {
    if (pluginId != null) {
      manifest.put("Plugin-Id", pluginId);
    }
    manifest.put("Plugin-Version", "1.0.0");
    manifest.put("Plugin-Requires", DEFAULT_REQUIRES);
    manifest.put("Plugin-Description", pluginId == null ? "Plugin de test" : "Plugin de test " + pluginId);
    manifest.put("Plugin-Provider", "Pacte tests");
  }

  /** A plugin jar with the given {@code Plugin-Id}, version 1.0.0, requiring {@value #DEFAULT_REQUIRES}. */
  public static TestPluginJar builder(String pluginId) {
    return new TestPluginJar(pluginId);
  }

  public TestPluginJar version(String version) {
    return attribute("Plugin-Version", version);
  }

  public TestPluginJar requires(String constraint) {
    return attribute("Plugin-Requires", constraint);
  }

  public TestPluginJar description(String description) {
    return attribute("Plugin-Description", description);
  }

  /** Sets a manifest attribute; a null value removes it. */
  public TestPluginJar attribute(String name, String value) {
    if (value == null) {
      manifest.remove(name);
    } else {
      manifest.put(name, value);
    }
    return this;
  }

  /** Keeps a manifest but without {@code Plugin-Id}: no plugin descriptor. */
  public TestPluginJar withoutPluginId() {
    return attribute("Plugin-Id", null);
  }

  /** Writes no {@code META-INF/MANIFEST.MF} at all. */
  public TestPluginJar withoutManifest() {
    withManifest = false;
    return this;
  }

  /** Writes no {@code META-INF/extensions.idx}, even when extensions were added. */
  public TestPluginJar withoutIndex() {
    withIndex = false;
    return this;
  }

  /**
   * Adds {@code type} and the classes nested in it (inner, local and anonymous classes, which javac records as
   * members of the top-level class's nest), without indexing it as an extension. Lambdas need nothing more:
   * their bodies are methods of the class itself.
   */
  public TestPluginJar addClass(Class<?> type) {
    classes.add(type);
    for (Class<?> member : type.getNestHost().getNestMembers()) {
      if (member.getName().startsWith(type.getName() + "$")) {
        classes.add(member);
      }
    }
    return this;
  }

  /** Adds {@code type} (with its nested classes) and lists it in {@code META-INF/extensions.idx}. */
  public TestPluginJar extension(Class<?> type) {
    addClass(type);
    extensions.add(type.getName());
    return this;
  }

  /** Adds a resource (e.g. a template or a migration) at {@code path} inside the jar. */
  public TestPluginJar resource(String path, String content) {
    resources.put(path, content.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Writes deterministic random bytes instead of a jar: a file named like a jar that is not one. */
  public TestPluginJar garbage() {
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    // Make sure it does not start with a zip signature by chance.
    bytes[0] = 'n';
    bytes[1] = 'o';
    garbage = bytes;
    return this;
  }

  /** Writes the jar as {@code directory/fileName} and returns its path. */
  public Path writeTo(Path directory, String fileName) {
    Path jar = directory.resolve(fileName);
    try {
      Files.createDirectories(directory);
      if (garbage != null) {
        Files.write(jar, garbage);
        return jar;
      }
      try (OutputStream file = Files.newOutputStream(jar)) {
        write(file);
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test plugin jar " + jar, e);
    }
  }

  /** The jar's bytes. */
  public byte[] bytes() {
    if (garbage != null) {
      return garbage.clone();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void write(OutputStream target) throws IOException {
    try (JarOutputStream jar = withManifest ? new JarOutputStream(target, manifest()) : new JarOutputStream(target)) {
      for (Class<?> type : classes) {
        String name = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream("/" + name)) {
          if (in == null) {
            throw new IOException("class file " + name + " not found on the test class path");
          }
          put(jar, name, in.readAllBytes());
        }
      }
      if (withIndex && !extensions.isEmpty()) {
        put(jar, "META-INF/extensions.idx", (String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
        put(jar, resource.getKey(), resource.getValue());
      }
    }
  }

  private Manifest manifest() {
    Manifest result = new Manifest();
    Attributes main = result.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.forEach((name, value) -> main.put(new Attributes.Name(name), value));
    return result;
  }

  private static void put(JarOutputStream jar, String name, byte[] content) throws IOException {
    JarEntry entry = new JarEntry(name);
    jar.putNextEntry(entry);
    jar.write(content);
    jar.closeEntry();
  }
}
