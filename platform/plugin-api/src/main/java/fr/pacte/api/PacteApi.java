package fr.pacte.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Version of the plugin contract. Compatible changes bump the minor, breaking ones the major.
 *
 * @since 1.0.0
 */
public final class PacteApi {

  /** The version of this API, e.g. {@code 1.0.0}. Plugins require it with {@code Plugin-Requires: >=1.0.0 & <2.0.0}. */
  public static final String VERSION = readVersion();

  private PacteApi() {
  }

  private static String readVersion() {
    try (InputStream in = PacteApi.class.getResourceAsStream("api.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("api.version");
    } catch (IOException | NullPointerException e) {
      throw new UncheckedIOException(new IOException("api.properties missing from the plugin API jar", e));
    }
  }
}
