package fr.pacte.server.plugins;

import fr.pacte.api.PluginContext;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.Migrations;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installing plugins on the running platform. A platform operator uploads a jar to one node; the node checks it and
 * starts it ({@link PluginRuntime#installLive}), then stores it in PostgreSQL and signals the other nodes, which load
 * the same bytes from the database, so every node serves it without a restart; a node started later loads it at
 * start-up. A new version of a plugin replaces the running one once its migrations succeeded; the replaced version
 * is kept for rollback. Removing stops the plugin everywhere and keeps its schema and its tenants' data.
 */
public final class PluginInstaller {

  static final String SIGNAL = "plugin-jars-changed";
  /** A node says what became of a plugin's installed jar there: serving, or refused with the reason. */
  static final String NODE_REPORT = "plugin-node-report";
  /** A node that starts asks the others to say again what they run, so that its page shows every node. */
  static final String REPORTS_WANTED = "plugin-node-reports-wanted";
  private static final Logger LOG = LoggerFactory.getLogger(PluginInstaller.class);
  private static final int MAX_BYTES = 700 * 1024;

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final Migrations migrations;
  private final PluginService service;
  private final Function<String, PluginContext> contexts;
  private final AuditStore audit;
  private final PluginJarStore store = new PluginJarStore();
  private final Path directory;
  /** The stored jar (its sha-256) each live-installed plugin runs from on this node. */
  private final Map<String, String> running = new ConcurrentHashMap<>();
  private final String node;
  /** What every node said of each plugin's installed jar: plugin → node → report (this node's included). */
  private final Map<String, Map<String, NodeReport>> reports = new ConcurrentHashMap<>();

  /**
   * What one node did with a plugin's installed jar: serving it, or refusing it with the reason in French (its own
   * check failed: migrations, start, a version of the API the node does not offer…).
   */
  public record NodeReport(String node, String pluginId, String version, String sha256, boolean serving, String reason,
                           Instant at) {

    JsonObject toJson() {
      return new JsonObject().put("node", node).put("version", version).put("sha256", sha256)
          .put("state", serving ? "serving" : "refused").put("reason", reason).put("at", at.toString())
          .put("label", label());
    }

    static NodeReport of(JsonObject signal) {
      return new NodeReport(signal.getString("node"), signal.getString("plugin"), signal.getString("version"),
          signal.getString("sha256"), "serving".equals(signal.getString("state")), signal.getString("reason"),
          Instant.parse(signal.getString("at")));
    }

    /** As people read it: "en service sur le nœud node-1", "refusé par le nœud node-2 : raison". */
    public String label() {
      return serving ? "en service sur le nœud " + node + " (version " + version + ")"
          : "refusé par le nœud " + node + " : " + reason;
    }
  }
  private PluginRouting routing;

  PluginInstaller(Vertx vertx, TenantTransactions transactions, Migrations migrations, PluginService service,
                  Function<String, PluginContext> contexts, AuditStore audit, String node) {
    this.node = node;
    this.audit = audit;
    this.vertx = vertx;
    this.transactions = transactions;
    this.migrations = migrations;
    this.service = service;
    this.contexts = contexts;
    try {
      this.directory = Files.createTempDirectory("pacte-installed-plugins-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the folder of installed plugin jars", e);
    }
  }

  void useRouting(PluginRouting routing) {
    this.routing = routing;
  }

  /** Loads the jars installed on the running platform before this node started; blocking, before serving. */
  void loadStored() {
    List<PluginJarStore.StoredJar> stored = transactions.platformPool()
        .withConnection(store::active).await();
    for (PluginJarStore.StoredJar jar : stored) {
      try {
        byte[] content = transactions.platformPool().withConnection(c -> store.content(c, jar.id())).await();
        service.runtime().installLive(write(jar.sha256(), content), migrations, contexts);
        running.put(jar.pluginId(), jar.sha256());
        report(jar.pluginId(), jar.version(), jar.sha256(), null);
      } catch (RuntimeException e) {
        LOG.error("Installed plugin {} {} could not be started on this node", jar.pluginId(), jar.version(), e);
        report(jar.pluginId(), jar.version(), jar.sha256(), reason(e));
      }
    }
  }

  /**
   * Asks the other nodes to say again what they run, so that this node's pages show them too: once this node hears
   * the signals (the reports sent before it listened are lost to it).
   */
  void askOtherNodes() {
    broadcast(new JsonObject().put("kind", REPORTS_WANTED).put("node", node));
  }

  /** What each node said of the plugin's jar in service, this node first. */
  public List<NodeReport> nodes(String pluginId, String sha256) {
    return reports.getOrDefault(pluginId, Map.of()).values().stream()
        .filter(report -> report.sha256().equals(sha256))
        .sorted(java.util.Comparator.comparing((NodeReport report) -> !report.node().equals(node))
            .thenComparing(NodeReport::node))
        .toList();
  }

  /** This node's name, as its reports give it. */
  public String node() {
    return node;
  }

  /** Records what this node did with a jar and tells the other nodes; {@code reason} null when it serves it. */
  private void report(String pluginId, String version, String sha256, String reason) {
    NodeReport report = new NodeReport(node, pluginId, version, sha256, reason == null, reason, Instant.now());
    remember(report);
    broadcast(new JsonObject().put("kind", NODE_REPORT).put("plugin", pluginId).put("node", node)
        .put("version", version).put("sha256", sha256).put("state", reason == null ? "serving" : "refused")
        .put("reason", reason).put("at", report.at().toString()));
  }

  private void remember(NodeReport report) {
    reports.computeIfAbsent(report.pluginId(), id -> new ConcurrentHashMap<>()).put(report.node(), report);
  }

  private void broadcast(JsonObject signal) {
    transactions.platformPool().withConnection(connection -> ClusterSignals.notify(connection, signal))
        .onFailure(error -> LOG.warn("Could not tell the other nodes {}", signal.encode(), error));
  }

  /** The French reason of a refusal; the technical detail stays in the log. */
  private static String reason(Throwable error) {
    if (error instanceof PluginRuntime.LiveRefusal refusal) {
      return refusal.getMessage();
    }
    return "le plugin n'a pas pu être chargé sur ce nœud (voir le journal technique du nœud).";
  }

  /** The jars stored, with the version in service and the one kept for rollback of each plugin. */
  public Future<List<PluginJarStore.StoredJar>> history() {
    return transactions.platformPool().withConnection(store::history);
  }

  /**
   * Checks, starts and stores an uploaded jar, then tells the other nodes.
   *
   * @return the plugin now serving on this node; a {@link Problem} (400, the French reason) when the jar is refused
   */
  public Future<InstalledPlugin> upload(String fileName, byte[] content, String operator, String requestId) {
    if (content.length == 0 || content.length > MAX_BYTES) {
      return Future.failedFuture(refused("le fichier doit être un jar de plugin de 700 Kio au plus (reçu "
          + content.length + " octets).", null));
    }
    String sha = sha256(content);
    return vertx.executeBlocking(() -> {
      Path jar = write(sha, content);
      try {
        InstalledPlugin installed = service.runtime().installLive(jar, migrations, contexts);
        // Before the signal goes out, so that this node does not load it a second time when it hears its own signal.
        running.put(installed.id(), sha);
        report(installed.id(), installed.version(), sha, null);
        return installed;
      } catch (PluginRuntime.LiveRefusal e) {
        LOG.warn("Uploaded plugin jar {} refused: {} ({})", fileName, e.getMessage(), e.detail());
        throw refused(e.getMessage(), e.detail());
      }
    }, true).compose(installed -> transactions.platformPool().withTransaction(connection ->
            store.activate(connection, installed.id(), installed.version(), safeName(fileName), sha, content, operator)
                .compose(replaced -> audit.recordPlatform(connection, operator,
                    replaced ? "plugin.replaced" : "plugin.installed", installed.id(), new JsonObject()
                        .put("version", installed.version()).put("fileName", safeName(fileName)).put("sha256", sha),
                    requestId))
                .compose(saved -> ClusterSignals.notify(connection, signal(installed.id())).map(saved)))
        .map(saved -> {
          routing.attachLive(installed);
          LOG.info("Plugin {} {} installed by {}", installed.id(), installed.version(), operator);
          return installed;
        }));
  }

  /**
   * Removes a plugin from the platform: it stops on every node and its jars are marked removed. Its schema and the
   * data of the tenants that used it stay. A plugin with tables asks for confirmation first.
   */
  public Future<Void> remove(String pluginId, boolean confirmed, String operator, String requestId) {
    if (service.runtime().plugin(pluginId).isEmpty()) {
      return Future.failedFuture(Problem.notFound("Aucun plugin « " + pluginId + " » n'est installé sur la plateforme."));
    }
    return tables(pluginId).compose(tables -> {
      if (tables > 0 && !confirmed) {
        return Future.failedFuture(Problem.conflict("Le plugin « " + pluginId + " » a des données de départements ("
            + tables + " table(s) dans son schéma). Confirmez la suppression (confirm=true) : le plugin sera arrêté "
            + "partout et ses données conservées, pour une réinstallation."));
      }
      return transactions.platformPool().withTransaction(connection -> store.remove(connection, pluginId)
          .compose(removed -> audit.recordPlatform(connection, operator, "plugin.removed", pluginId,
              new JsonObject().put("tables", tables).put("dataKept", true), requestId))
          .compose(recorded -> ClusterSignals.notify(connection, signal(pluginId))))
          .compose(done -> stopHere(pluginId))
          .onSuccess(done -> LOG.info("Plugin {} removed by {}; its data is kept", pluginId, operator));
    });
  }

  /** Puts the version kept for rollback back in service, on every node. */
  public Future<InstalledPlugin> rollback(String pluginId, String operator, String requestId) {
    String before = running.get(pluginId);
    return transactions.platformPool().withTransaction(connection -> store.rollback(connection, pluginId)
        .compose(previous -> previous.isEmpty()
            ? Future.failedFuture(Problem.conflict("Le plugin « " + pluginId + " » n'a pas de version précédente "
                + "installée sur la plateforme à rétablir."))
            : audit.recordPlatform(connection, operator, "plugin.rolled-back", pluginId,
                    new JsonObject().put("version", previous.get().version()), requestId)
                .compose(recorded -> {
                  // Before the signal goes out, so that this node does not load it a second time when it hears it.
                  running.put(pluginId, previous.get().sha256());
                  return ClusterSignals.notify(connection, signal(pluginId));
                }).map(previous.get())))
        .onFailure(error -> {
          if (before == null) {
            running.remove(pluginId);
          } else {
            running.put(pluginId, before);
          }
        })
        .compose(this::runHere)
        .onSuccess(plugin -> LOG.info("Plugin {} rolled back to {} by {}", pluginId, plugin.version(), operator));
  }

  /** A signal of another node (or this one): loads the active jar of the plugin, or stops it if none is. */
  public void onSignal(JsonObject signal) {
    if (NODE_REPORT.equals(signal.getString("kind"))) {
      if (!node.equals(signal.getString("node"))) {
        remember(NodeReport.of(signal));
      }
      return;
    }
    if (REPORTS_WANTED.equals(signal.getString("kind"))) {
      if (!node.equals(signal.getString("node"))) {
        reports.values().forEach(byNode -> {
          NodeReport own = byNode.get(node);
          if (own != null) {
            report(own.pluginId(), own.version(), own.sha256(), own.reason());
          }
        });
      }
      return;
    }
    if (!SIGNAL.equals(signal.getString("kind"))) {
      return;
    }
    String pluginId = signal.getString("plugin");
    transactions.platformPool().withConnection(store::active)
        .compose(active -> {
          PluginJarStore.StoredJar jar = active.stream().filter(j -> j.pluginId().equals(pluginId)).findFirst().orElse(null);
          if (jar == null) {
            reports.remove(pluginId);
            return running.containsKey(pluginId) ? stopHere(pluginId) : Future.succeededFuture();
          }
          return jar.sha256().equals(running.get(pluginId)) ? Future.succeededFuture() : runHere(jar).mapEmpty();
        })
        .onFailure(error -> LOG.error("Plugin {} could not follow the platform's installation", pluginId, error));
  }

  private Future<InstalledPlugin> runHere(PluginJarStore.StoredJar jar) {
    return transactions.platformPool().withConnection(c -> store.content(c, jar.id()))
        .compose(content -> vertx.executeBlocking(
            () -> service.runtime().installLive(write(jar.sha256(), content), migrations, contexts), true))
        .map(installed -> {
          running.put(installed.id(), jar.sha256());
          routing.attachLive(installed);
          report(installed.id(), installed.version(), jar.sha256(), null);
          return installed;
        })
        .onFailure(error -> report(jar.pluginId(), jar.version(), jar.sha256(), reason(error)));
  }

  private Future<Void> stopHere(String pluginId) {
    return vertx.executeBlocking(() -> {
      service.runtime().uninstall(pluginId);
      return null;
    }, true).map(done -> {
      running.remove(pluginId);
      routing.detach(pluginId);
      return null;
    });
  }

  /** How many tables the plugin's schema has (where its tenants' data lives). */
  private Future<Long> tables(String pluginId) {
    return transactions.platformPool().preparedQuery(
            "SELECT count(*) FROM pg_tables WHERE schemaname = $1")
        .execute(io.vertx.sqlclient.Tuple.of(Migrations.schemaOf(pluginId)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private Path write(String sha, byte[] content) {
    try {
      Path jar = directory.resolve(sha + ".jar");
      if (!Files.exists(jar)) {
        Files.write(jar, content);
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Problem refused(String reason, String detail) {
    return Problem.validation(List.of(new Problem.FieldError("content", "Plugin refusé : " + reason)));
  }

  private static String safeName(String fileName) {
    String name = fileName == null || fileName.isBlank() ? "plugin.jar" : Path.of(fileName).getFileName().toString();
    return name.length() > 255 ? name.substring(0, 255) : name;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonObject signal(String pluginId) {
    return new JsonObject().put("kind", SIGNAL).put("plugin", pluginId);
  }
}
