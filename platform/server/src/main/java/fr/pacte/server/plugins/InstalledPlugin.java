package fr.pacte.server.plugins;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.NavigationEntry;
import fr.pacte.api.PacteModule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * A plugin the platform loaded from a jar: its descriptor, what it contributes, and its health on this node.
 * The module is null when the plugin failed before providing one.
 */
public final class InstalledPlugin {

  private final String id;
  private final String version;
  private final String description;
  private final String provider;
  private final Path jar;
  private final PacteModule module;
  private final List<ActionTypeDescriptor> actionTypes;
  private volatile PluginHealth health;

  InstalledPlugin(String id, String version, String description, String provider, Path jar, PacteModule module,
                  List<ActionTypeDescriptor> actionTypes, PluginHealth health) {
    this.id = id;
    this.version = version;
    this.description = description;
    this.provider = provider;
    this.jar = jar;
    this.module = module;
    this.actionTypes = List.copyOf(actionTypes);
    this.health = health;
  }

  public String id() {
    return id;
  }

  public String version() {
    return version;
  }

  /** The module's name as people read it: its (first) action type's label, else its description, else its id. */
  public String displayName() {
    if (!actionTypes().isEmpty()) {
      return actionTypes().get(0).label().fr();
    }
    return description() == null || description().isBlank() ? id() : description();
  }

  public String description() {
    return description;
  }

  public String provider() {
    return provider;
  }

  public Path jar() {
    return jar;
  }

  public PacteModule module() {
    return module;
  }

  public List<ActionTypeDescriptor> actionTypes() {
    return actionTypes;
  }

  public PluginHealth health() {
    return health;
  }

  /** Whether its routes may answer: started, or failing in a handler (it may recover); not failed at start-up. */
  public boolean serving() {
    return module != null && health.state() != PluginHealth.State.FAILED_AT_START;
  }

  public List<NavigationEntry> navigation() {
    if (!serving()) {
      return List.of();
    }
    try {
      return module.navigation();
    } catch (RuntimeException e) {
      markFailing(null, e);
      return List.of();
    }
  }

  void markFailedAtStart(Throwable error) {
    health = PluginHealth.failedAtStart(error);
  }

  void markFailing(String tenant, Throwable error) {
    health = PluginHealth.failing(tenant, error);
  }

  /** An administrator re-enabling the plugin clears a handler failure. */
  void clearFailure() {
    if (health.state() == PluginHealth.State.FAILING) {
      health = PluginHealth.started();
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("version", version)
        .put("description", description)
        .put("provider", provider)
        .put("state", health.state().name())
        .put("stateLabel", health.state().label())
        .put("error", health.error())
        .put("reason", health.reason())
        .put("actionTypes", new JsonArray(actionTypes.stream().map(ActionTypeDescriptor::code).toList()));
  }
}
