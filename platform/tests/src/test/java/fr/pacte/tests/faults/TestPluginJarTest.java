package fr.pacte.tests.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.pacte.tests.faults.plugins.HealthyModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test plugin jars are what the platform expects from a real plugin build. */
class TestPluginJarTest {

  @TempDir
  Path dir;

  /** Has a nested and an anonymous class, to check they are packed with it. */
  static final class WithNested {
    static final class Inner {
    }

    Object anonymous() {
      return new Object() { };
    }
  }

  @Test
  void writesManifestClassesAndExtensionIndex() throws IOException {
    Path jar = TestPluginJar.builder("faults-sample").version("2.3.4").description("Exemple")
        .extension(HealthyModule.class).addClass(WithNested.class).writeTo(dir, "sample.jar");
    try (JarFile file = new JarFile(jar.toFile())) {
      Attributes main = file.getManifest().getMainAttributes();
      assertEquals("faults-sample", main.getValue("Plugin-Id"));
      assertEquals("2.3.4", main.getValue("Plugin-Version"));
      assertEquals(">=1.0.0 & <2.0.0", main.getValue("Plugin-Requires"));
      assertEquals("Exemple", main.getValue("Plugin-Description"));
      assertNotNull(file.getEntry("fr/pacte/tests/faults/plugins/HealthyModule.class"));
      String prefix = "fr/pacte/tests/faults/TestPluginJarTest$WithNested";
      assertNotNull(file.getEntry(prefix + ".class"));
      assertNotNull(file.getEntry(prefix + "$Inner.class"));
      assertNotNull(file.getEntry(prefix + "$1.class"), "anonymous classes are packed too");
      String index = new String(file.getInputStream(file.getEntry("META-INF/extensions.idx")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertEquals(HealthyModule.class.getName() + "\n", index, "only extensions are indexed");
    }
  }

  @Test
  void canOmitTheManifestOrThePluginId() throws IOException {
    Path none = TestPluginJar.builder("faults-sample").withoutManifest().extension(HealthyModule.class)
        .writeTo(dir, "none.jar");
    try (JarFile file = new JarFile(none.toFile())) {
      assertNull(file.getManifest());
    }
    Path noId = TestPluginJar.builder(null).extension(HealthyModule.class).writeTo(dir, "no-id.jar");
    try (JarFile file = new JarFile(noId.toFile())) {
      assertNull(file.getManifest().getMainAttributes().getValue("Plugin-Id"));
      assertTrue(file.getManifest().getMainAttributes().getValue("Plugin-Version") != null);
    }
  }

  @Test
  void garbageIsNotAJar() {
    Path broken = TestPluginJar.builder("x").garbage().writeTo(dir, "x.jar");
    assertThrows(ZipException.class, () -> new JarFile(broken.toFile()).close());
  }
}
