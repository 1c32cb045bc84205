package fr.pacte.server.web;

import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.Loader;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The page templates, read from the server's class path by their full name ({@code templates/x.peb}), a relative
 * {@code extends}/{@code include} resolved next to the template naming it. Not through Vert.x's file system: it
 * serves class-path files from a cache folder that a JVM shutdown hook of Vert.x removes as soon as SIGTERM arrives,
 * while the requests under way are still rendering their pages (they failed with a 500).
 */
final class ClasspathTemplates implements Loader<String> {

  private final ClassLoader classLoader = ClasspathTemplates.class.getClassLoader();
  private volatile Charset charset = StandardCharsets.UTF_8;

  @Override
  public Reader getReader(String name) {
    InputStream template = classLoader.getResourceAsStream(name);
    if (template == null) {
      throw new LoaderException(null, "No template " + name + " on the class path");
    }
    return new BufferedReader(new InputStreamReader(template, charset));
  }

  @Override
  public void setCharset(String charset) {
    this.charset = Charset.forName(charset);
  }

  @Override
  public void setPrefix(String prefix) {
    // Names are full class-path names.
  }

  @Override
  public void setSuffix(String suffix) {
    // Names carry their extension.
  }

  @Override
  public String resolveRelativePath(String relativePath, String anchorPath) {
    int slash = anchorPath == null ? -1 : anchorPath.lastIndexOf('/');
    return slash < 0 ? relativePath : anchorPath.substring(0, slash + 1) + relativePath;
  }

  @Override
  public String createCacheKey(String name) {
    return name;
  }

  @Override
  public boolean resourceExists(String name) {
    return classLoader.getResource(name) != null;
  }
}
