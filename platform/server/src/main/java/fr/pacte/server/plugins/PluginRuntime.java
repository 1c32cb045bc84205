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
  private final Map<String, InstalledPlugin> plugins = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
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
    synchronized (plugins) {
      return List.copyOf(plugins.values());
    }
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

  /**
   * Installs a jar on the running platform, replacing the version of the same plugin if there is one: blocking (run
   * it on a worker). The jar is checked first apart from the running plugins (manifest and API range, extensions,
   * migrations, then the row-level security of its tables); only then is the running version, if any, stopped and
   * the new one started with its context. If the new one does not start, the old one is started again.
   *
   * @return the plugin now serving; a failed future with a {@link LiveRefusal} giving the reason in French
   */
  public synchronized InstalledPlugin installLive(Path jar, Migrations migrations, Function<String, PluginContext> contexts) {
    String reason = PluginJars.refusalReason(jar);
    if (reason != null) {
      throw new LiveRefusal(reason, null);
    }
    String id = check(jar, migrations);
    InstalledPlugin previous = plugins.get(id);
    if (previous != null) {
      stopOne(previous);
    }
    install(jar, migrations);
    InstalledPlugin installed = plugins.get(id);
    if (installed == null || !installed.serving()) {
      String error = installed == null ? "not loaded" : installed.health().error();
      unloadQuietly(id);
      plugins.remove(id);
      if (previous != null) {
        install(previous.jar(), migrations);
        start(contexts, plugins.get(id));
      }
      throw new LiveRefusal("le plugin « " + id + " » n'a pas démarré ; la version en place est conservée.", error);
    }
    start(contexts, installed);
    if (!installed.serving()) {
      String error = installed.health().error();
      stopOne(installed);
      if (previous != null) {
        install(previous.jar(), migrations);
        start(contexts, plugins.get(id));
      }
      throw new LiveRefusal("le module du plugin « " + id + " » a échoué à son démarrage ; la version en place est "
          + "conservée.", error);
    }
    LOG.info("Plugin {} {} installed on the running platform from {}", id, installed.version(), jar);
    return installed;
  }

  /** Stops and unloads a plugin on the running platform; its schema and its tenants' data stay. */
  public synchronized void uninstall(String id) {
    InstalledPlugin plugin = plugins.get(id);
    if (plugin != null) {
      stopOne(plugin);
    }
  }

  private void start(Function<String, PluginContext> contexts, InstalledPlugin plugin) {
    if (plugin == null || !plugin.serving()) {
      return;
    }
    try {
      PluginContext context = contexts.apply(plugin.id());
      this.contexts.put(plugin.id(), context);
      plugin.module().start(context);
    } catch (RuntimeException | LinkageError e) {
      plugin.markFailedAtStart(e);
      LOG.error("Plugin {} failed to start: {}", plugin.id(), plugin.health().error(), e);
      closeContext(plugin.id());
    }
  }

  private void stopOne(InstalledPlugin plugin) {
    if (plugin.module() != null) {
      try {
        plugin.module().stop();
      } catch (RuntimeException e) {
        LOG.warn("Plugin {} failed to stop", plugin.id(), e);
      }
    }
    closeContext(plugin.id());
    unloadQuietly(plugin.id());
    plugins.remove(plugin.id());
  }

  private void unloadQuietly(String id) {
    try {
      if (manager.getPlugin(id) != null) {
        manager.unloadPlugin(id);
      }
    } catch (RuntimeException e) {
      LOG.warn("Plugin {} did not unload cleanly", id, e);
    }
  }

  /**
   * Checks a jar in a plugin manager of its own, apart from the running plugins: it loads and starts, declares at
   * least one extension, at most one module and one action type, and its migrations run with its tables isolated
   * by tenant. Returns the plugin id.
   */
  private static String check(Path jar, Migrations migrations) {
    PacteManager checker = new PacteManager();
    String id;
    try {
      id = checker.loadPlugin(jar);
    } catch (RuntimeException e) {
      throw new LiveRefusal("chargement impossible : le jar n'est pas un plugin PF4J lisible.", String.valueOf(e.getMessage()));
    }
    try {
      PluginState state = checker.startPlugin(id);
      if (state != PluginState.STARTED) {
        throw new LiveRefusal("le plugin « " + id + " » ne démarre pas.", String.valueOf(checker.getPlugin(id).getFailedException()));
      }
      List<PacteModule> modules = checker.getExtensions(PacteModule.class, id);
      List<ActionType> actionTypes = checker.getExtensions(ActionType.class, id);
      if (modules.isEmpty() && actionTypes.isEmpty()) {
        throw new LiveRefusal("le plugin « " + id + " » ne déclare aucune extension Pacte (ni type d'action ni module) : "
            + "son index META-INF/extensions.idx est vide ou absent.", null);
      }
      if (modules.size() > 1 || actionTypes.size() > 1) {
        throw new LiveRefusal("le plugin « " + id + " » déclare plusieurs modules ou plusieurs types d'action : un de "
            + "chaque au plus.", null);
      }
      actionTypes.forEach(ActionType::descriptor);
      boolean newSchema = !migrations.pluginSchemaExists(id);
      try {
        migrations.migratePlugin(id, checker.getPlugin(id).getPluginClassLoader());
      } catch (RuntimeException e) {
        if (newSchema) {
          // A first installation refused: nothing of it stays in the database.
          migrations.dropNewPluginSchema(id);
        }
        throw e;
      }
      return id;
    } catch (LiveRefusal e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      if (String.valueOf(e.getMessage()).contains(Migrations.ISOLATION_VIOLATION)) {
        throw new LiveRefusal("les tables du plugin « " + id + " » ne sont pas isolées par département (sécurité au "
            + "niveau des lignes) : chaque table doit porter tenant_id et une politique tenant_isolation forcée.",
            e.getMessage());
      }
      throw new LiveRefusal("le plugin « " + id + " » n'a pas pu être vérifié (migrations ou démarrage en échec) ; la "
          + "version en place est conservée.", PluginHealth.describe(e));
    } finally {
      try {
        checker.unloadPlugin(id);
      } catch (RuntimeException e) {
        LOG.warn("The checked jar {} did not unload cleanly", jar, e);
      }
    }
  }

  /** A jar refused on the running platform: the reason in French, the technical detail for the log. */
  public static final class LiveRefusal extends RuntimeException {

    private final String detail;

    LiveRefusal(String reason, String detail) {
      super(reason);
      this.detail = detail;
    }

    public String detail() {
      return detail;
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
