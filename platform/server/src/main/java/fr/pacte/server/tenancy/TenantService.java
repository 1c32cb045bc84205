package fr.pacte.server.tenancy;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants: loading them from {@code tenants/}, creating them at runtime, and the directory every node
 * keeps of them (refreshed by cluster signals, so a tenant created on one node is served by all).
 */
public final class TenantService {

  static final String SIGNAL = "tenants-changed";
  private static final String LOCK_TENANT_FILES = "SELECT pg_advisory_xact_lock(hashtext('pacte.tenant-files'))";

  private final TenantTransactions transactions;
  private final TenantStore store;
  private final AuditStore audit;
  private final PluginService plugins;
  private final Map<String, TenantSummary> directory = new ConcurrentHashMap<>();

  public TenantService(TenantTransactions transactions, TenantStore store, AuditStore audit, PluginService plugins) {
    this.transactions = transactions;
    this.store = store;
    this.audit = audit;
    this.plugins = plugins;
  }

  /** A tenant file read from disk, with the hash that tells whether it changed since it was last applied. */
  public record TenantSource(Tenant tenant, String hash, String displayName) {
  }

  /**
   * Reads every {@code <folder>/tenant.yaml} of {@code tenantsDir}. Blocking. A malformed file stops here,
   * before anything is written, with a {@link YamlFileException} naming the file, line and field.
   */
  public static List<TenantSource> readFolder(Path tenantsDir) {
    List<TenantSource> sources = new ArrayList<>();
    if (!Files.isDirectory(tenantsDir)) {
      return sources;
    }
    Path displayRoot = tenantsDir.getParent() == null ? tenantsDir : tenantsDir.getParent();
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(tenantsDir, Files::isDirectory)) {
      for (Path folder : folders) {
        if (Files.isRegularFile(folder.resolve(TenantFile.FILE_NAME))) {
          Tenant tenant = TenantFile.read(folder, displayRoot);
          sources.add(new TenantSource(tenant, hash(folder), displayRoot.relativize(folder.resolve(TenantFile.FILE_NAME)).toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the tenants folder " + tenantsDir, e);
    }
    sources.sort(Comparator.comparing(source -> source.tenant().departementCode()));
    return sources;
  }

  /** Applies the files whose content changed since last time; unchanged ones are left alone. */
  public Future<List<String>> applyAll(List<TenantSource> sources) {
    Future<List<String>> chain = Future.succeededFuture(new ArrayList<>());
    for (TenantSource source : sources) {
      chain = chain.compose(applied -> apply(source).map(changed -> {
        if (changed) {
          applied.add(source.tenant().slug());
        }
        return applied;
      }));
    }
    return chain.compose(applied -> reloadDirectory().map(applied));
  }

  private Future<Boolean> apply(TenantSource source) {
    Tenant tenant = source.tenant();
    Actor actor = Actor.system(source.displayName());
    Map<String, JsonObject> listed = new LinkedHashMap<>();
    tenant.plugins().forEach(setting -> listed.put(setting.pluginId(), setting.configuration()));
    // Nodes starting together apply each file once: the lock serialises them, the hash tells the late ones.
    return transactions.inTenant(tenant.slug(), connection -> connection.query(LOCK_TENANT_FILES).execute()
            .compose(locked -> store.sourceHash(connection, tenant.slug()))
            .compose(current -> {
              if (current.isPresent() && source.hash().equals(current.get())) {
                return Future.succeededFuture(false);
              }
              return store.upsert(connection, tenant, source.hash())
                  .compose(done -> store.replaceTerritories(connection, tenant))
                  .compose(done -> plugins.applyFile(connection, tenant.slug(), listed, actor, null))
                  .compose(done -> audit.record(connection, tenant.slug(), actor.audited(),
                      current.isPresent() ? "tenant.updated-from-file" : "tenant.created-from-file",
                      "tenant:" + tenant.slug(), new JsonObject().put("hash", source.hash()), null))
                  .compose(done -> ClusterSignals.notify(connection, signal(tenant.slug())))
                  .map(true);
            }))
        .compose(changed -> changed ? plugins.refresh(tenant.slug()).map(true) : Future.succeededFuture(false));
  }

  /** Creates a tenant from the platform-operator API; usable at once on every node. */
  public Future<TenantSummary> create(Tenant tenant, Actor actor, String requestId) {
    return transactions.inTenant(tenant.slug(), connection -> store.insert(connection, tenant, null)
            .compose(done -> store.replaceTerritories(connection, tenant))
            .compose(done -> audit.record(connection, tenant.slug(), actor.audited(), "tenant.created",
                "tenant:" + tenant.slug(), new JsonObject().put("name", tenant.name()), requestId))
            .compose(done -> ClusterSignals.notify(connection, signal(tenant.slug()))))
        .recover(error -> Future.failedFuture(isUniqueViolation(error)
            ? Problem.conflict("Un département avec le slug « " + tenant.slug() + " » ou le code « "
                + tenant.departementCode() + " » existe déjà.")
            : error))
        .compose(done -> reloadDirectory())
        .compose(done -> plugins.refresh(tenant.slug()))
        .map(done -> directory.get(tenant.slug()));
  }

  /**
   * Deactivates a tenant (or reactivates it): every node stops serving its pages and API at once (404), its data is
   * kept. The caller also closes its identity realm.
   */
  public Future<TenantSummary> setActive(String slug, boolean active, Actor actor, String requestId) {
    return transactions.inTenant(slug, connection -> store.setActive(connection, slug, active)
            .compose(found -> found ? Future.<Void>succeededFuture()
                : Future.failedFuture(Problem.notFound("Aucun département « " + slug + " » sur cette plateforme.")))
            .compose(done -> audit.record(connection, slug, actor.audited(), active ? "tenant.reactivated"
                : "tenant.deactivated", "tenant:" + slug, new JsonObject(), requestId))
            .compose(done -> ClusterSignals.notify(connection, signal(slug))))
        .compose(done -> reloadDirectory())
        .map(done -> directory.get(slug));
  }

  public void onSignal(JsonObject signal) {
    if (SIGNAL.equals(signal.getString("kind"))) {
      String slug = signal.getString("tenant");
      reloadDirectory().compose(done -> plugins.refresh(slug));
    }
  }

  /** Reloads the list of tenants from the registry and every tenant's plugin enablements. */
  public Future<Void> reloadDirectory() {
    return store.list(transactions.platformPool()).map(tenants -> {
      Map<String, TenantSummary> fresh = new LinkedHashMap<>();
      tenants.forEach(tenant -> fresh.put(tenant.slug(), tenant));
      directory.keySet().retainAll(fresh.keySet());
      directory.putAll(fresh);
      return tenants;
    }).mapEmpty();
  }

  /** Loads the plugin enablements of every known tenant into this node's cache. */
  public Future<Void> refreshAllPlugins() {
    Future<Void> chain = Future.succeededFuture();
    for (String slug : directory.keySet()) {
      chain = chain.compose(done -> plugins.refresh(slug));
    }
    return chain;
  }

  public Optional<TenantSummary> find(String slug) {
    return slug == null ? Optional.empty() : Optional.ofNullable(directory.get(slug)).filter(TenantSummary::active);
  }

  /** The tenant's time zone, where its deadlines fall; Paris for a tenant this node does not know (yet). */
  public ZoneId zone(String slug) {
    TenantSummary tenant = slug == null ? null : directory.get(slug);
    return tenant == null ? Tenant.defaultZone(null) : tenant.timeZone();
  }

  /** How a tenant's pages look, or null for an unknown tenant. */
  public PageLayout.Branding branding(String slug) {
    return find(slug).map(t -> new PageLayout.Branding(t.slug(), t.displayName(), t.colour(), t.hasLogo())).orElse(null);
  }

  /** The active tenants. */
  public Collection<TenantSummary> all() {
    return directory.values().stream().filter(TenantSummary::active).sorted(Comparator.comparing(TenantSummary::departementCode)).toList();
  }

  public Future<List<Tenant.Territory>> territories(String slug) {
    return transactions.inTenant(slug, store::territories);
  }

  public Future<Optional<TenantStore.Logo>> logo(String slug) {
    return store.logo(transactions.platformPool(), slug);
  }

  static JsonObject signal(String slug) {
    return new JsonObject().put("kind", SIGNAL).put("tenant", slug);
  }

  private static boolean isUniqueViolation(Throwable error) {
    return error instanceof PgException pg && "23505".equals(pg.getSqlState());
  }

  private static String hash(Path folder) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, Files::isRegularFile)) {
        List<Path> sorted = new ArrayList<>();
        files.forEach(sorted::add);
        sorted.sort(null);
        for (Path file : sorted) {
          digest.update(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          digest.update(Files.readAllBytes(file));
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
