package fr.pacte.server.plugins;

import fr.pacte.api.ActionType;
import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.PacteApi;
import fr.pacte.api.PacteModule;
import fr.pacte.api.PluginContext;
import fr.pacte.server.database.Migrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFinder;
import org.pf4j.JarPluginLoader;
import org.pf4j.IndexedExtensionFinder;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.Plugin;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugin jars with PF4J, migrates each plugin's schema and starts its module. Nothing a plugin does
 * here can stop the platform: a bad jar is refused, a plugin that throws is kept as failed with its error.
 */
public final class PluginRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

  private final PacteManager manager = new PacteManager();
  private final Map<String, InstalledPlugin> plugins = new LinkedHashMap<>();
  private final List<PluginRefusal> refusals = new ArrayList<>();
  private final Map<String, PluginContext> contexts = new LinkedHashMap<>();

  /** Loads every jar of {@code directory} and migrates each plugin's schema; blocking, run it before serving. */
  public static PluginRuntime load(Path directory, Migrations migrations) {
    PluginRuntime runtime = new PluginRuntime();
    List<Path> jars;
    try {
      jars = PluginJars.discover(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the plugin directory " + directory, e);
    }
    for (Path jar : jars) {
      runtime.install(jar, migrations);
    }
    return runtime;
  }

  private void install(Path jar, Migrations migrations) {
    String reason = PluginJars.refusalReason(jar);
    if (reason != null) {
      refuse(jar, reason);
      return;
    }
    String id;
    try {
      id = manager.loadPlugin(jar);
    } catch (RuntimeException e) {
      refuse(jar, loadFailure(e));
      return;
    }
    PluginWrapper wrapper = manager.getPlugin(id);
    PacteModule module = null;
    List<ActionTypeDescriptor> actionTypes = List.of();
    PluginHealth health;
    try {
      PluginState state = manager.startPlugin(id);
      if (state != PluginState.STARTED) {
        throw new IllegalStateException("PF4J did not start the plugin (state " + state + ")",
            wrapper.getFailedException());
      }
      module = singleModule(id);
      actionTypes = manager.getExtensions(ActionType.class, id).stream().map(ActionType::descriptor).toList();
      migrations.migratePlugin(id, wrapper.getPluginClassLoader());
      health = PluginHealth.started();
      LOG.info("Plugin {} {} loaded from {}", id, wrapper.getDescriptor().getVersion(), jar);
    } catch (RuntimeException | LinkageError e) {
      health = PluginHealth.failedAtStart(e);
      LOG.error("Plugin {} failed to start: {}", id, health.error(), e);
    }
    plugins.put(id, new InstalledPlugin(id, wrapper.getDescriptor().getVersion(),
        wrapper.getDescriptor().getPluginDescription(), wrapper.getDescriptor().getProvider(), jar,
        module, actionTypes, health));
  }

  /** Starts every loaded module with its context; a module that throws is marked as failed. */
  public void start(Function<String, PluginContext> contexts) {
    for (InstalledPlugin plugin : plugins.values()) {
      if (!plugin.serving()) {
        continue;
      }
      try {
        PluginContext context = contexts.apply(plugin.id());
        this.contexts.put(plugin.id(), context);
        plugin.module().start(context);
      } catch (RuntimeException | LinkageError e) {
        plugin.markFailedAtStart(e);
        LOG.error("Plugin {} failed to start: {}", plugin.id(), plugin.health().error(), e);
        // Never served: what it registered before failing stops now, not with the platform.
        closeContext(plugin.id());
      }
    }
  }

  private void closeContext(String pluginId) {
    if (contexts.remove(pluginId) instanceof AutoCloseable context) {
      try {
        context.close();
      } catch (Exception e) {
        LOG.warn("Plugin {}'s tasks did not close cleanly", pluginId, e);
      }
    }
  }

  private PacteModule singleModule(String id) {
    List<PacteModule> modules = manager.getExtensions(PacteModule.class, id);
    if (modules.size() > 1) {
      throw new IllegalStateException("the plugin declares " + modules.size() + " PacteModule extensions, at most one is allowed");
    }
    // A plugin that only contributes an action type gets a module with every default.
    return modules.isEmpty() ? new PacteModule() { } : modules.get(0);
  }

  private void refuse(Path jar, String reason) {
    refusals.add(new PluginRefusal(jar, reason));
    LOG.error("Plugin jar {} refused: {}", jar, reason);
  }

  private String loadFailure(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (message.contains("already loaded")) {
      return "identifiant en double : un plugin portant le même Plugin-Id est déjà chargé (" + message.lines().findFirst().orElse("") + ")";
    }
    return "chargement impossible : " + message.lines().findFirst().orElse(message);
  }

  public Collection<InstalledPlugin> plugins() {
    return plugins.values();
  }

  public Optional<InstalledPlugin> plugin(String id) {
    return Optional.ofNullable(plugins.get(id));
  }

  public List<PluginRefusal> refusals() {
    return List.copyOf(refusals);
  }

  @Override
  public void close() {
    for (InstalledPlugin plugin : plugins.values()) {
      if (plugin.module() != null) {
        try {
          plugin.module().stop();
        } catch (RuntimeException e) {
          LOG.warn("Plugin {} failed to stop", plugin.id(), e);
        }
      }
      // What the plugin registered through its context (timers, workers) ends with it, whatever stop() did.
      closeContext(plugin.id());
    }
    // One by one over a copy: PF4J 3.15.0's stopPlugins() throws ConcurrentModificationException (pf4j#656).
    for (String id : List.copyOf(plugins.keySet())) {
      try {
        manager.unloadPlugin(id);
      } catch (RuntimeException e) {
        LOG.warn("Plugin {} did not unload cleanly", id, e);
      }
    }
  }

  /** PF4J set up for explicit jar paths, manifest descriptors and the annotation-processor index only. */
  private static final class PacteManager extends DefaultPluginManager {

    PacteManager() {
      super(List.of());
      setSystemVersion(PacteApi.VERSION);
    }

    @Override
    protected PluginDescriptorFinder createPluginDescriptorFinder() {
      return new ManifestPluginDescriptorFinder();
    }

    @Override
    protected PluginLoader createPluginLoader() {
      return new JarPluginLoader(this);
    }

    @Override
    protected ExtensionFinder createExtensionFinder() {
      IndexedExtensionFinder finder = new IndexedExtensionFinder(this);
      // The finder caches each plugin's index; it must hear plugins start to read the index of every jar.
      addPluginStateListener(finder);
      return finder;
    }

    @Override
    protected PluginFactory createPluginFactory() {
      // Plugin-Class is optional in Pacte: the module is the extension, not a Plugin subclass.
      return wrapper -> new Plugin() { };
    }
  }
}
