package fr.pacte.server.plugins;

import java.nio.file.Path;

/** A jar that could not become a plugin, and why (in French, for the Modules page and the start-up report). */
public record PluginRefusal(Path jar, String reason) {

  /** The jar's file name, for templates (they may not reflect on the JDK's Path implementations). */
  public String file() {
    return jar.getFileName().toString();
  }
}
