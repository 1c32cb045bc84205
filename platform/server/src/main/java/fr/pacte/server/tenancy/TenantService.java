package fr.pacte.server.tenancy;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.platform.TenantSeeds;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.DatabaseProblems;
import fr.pacte.server.web.PageLayout;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
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

  /**
   * Applies a tenant file read by {@link TenantSeeds} if its content changed since last time, with its plugin
   * settings; true if applied. Unchanged files are left alone.
   */
  public Future<Boolean> applyFile(TenantSeeds seeds, TenantSeeds.Seed<Tenant> seed) {
    Tenant tenant = seed.value();
    Actor actor = Actor.system(seed.displayName());
    Map<String, JsonObject> listed = new LinkedHashMap<>();
    tenant.plugins().forEach(setting -> listed.put(setting.pluginId(), setting.configuration()));
    return seeds.applyOnce(seed, connection -> store.sourceHash(connection, tenant.slug())
            .compose(current -> store.upsert(connection, tenant, seed.hash())
                .compose(done -> store.replaceTerritories(connection, tenant))
                .compose(done -> plugins.applyFile(connection, tenant.slug(), listed, actor, null))
                .compose(done -> audit.record(connection, tenant.slug(), actor.audited(),
                    current.isPresent() ? "tenant.updated-from-file" : "tenant.created-from-file",
                    "tenant:" + tenant.slug(), new JsonObject().put("hash", seed.hash()), null))
                .compose(done -> ClusterSignals.notify(connection, signal(tenant.slug())))))
        .compose(changed -> changed ? plugins.refresh(tenant.slug()).map(true) : Future.succeededFuture(false));
  }

  /** A 409 naming the field whose value another département holds: its slug or its code. */
  private static Problem alreadyExists(Tenant tenant, Throwable error) {
    String field = DatabaseProblems.problemOf(error).flatMap(p -> p.errors().stream().findFirst())
        .map(Problem.FieldError::field).filter(f -> f.equals("departementCode")).orElse("slug");
    return DatabaseProblems.alreadyUsed(field, field.equals("slug")
        ? "Un département a déjà le slug « " + tenant.slug() + " »."
        : "Un département a déjà le code « " + tenant.departementCode() + " ».");
  }

  /** Creates a tenant from the platform-operator API; usable at once on every node. */
  public Future<TenantSummary> create(Tenant tenant, Actor actor, String requestId) {
    return transactions.inTenant(tenant.slug(), connection -> store.insert(connection, tenant, null)
            .compose(done -> store.replaceTerritories(connection, tenant))
            .compose(done -> audit.record(connection, tenant.slug(), actor.audited(), "tenant.created",
                "tenant:" + tenant.slug(), new JsonObject().put("name", tenant.name()), requestId))
            .compose(done -> ClusterSignals.notify(connection, signal(tenant.slug()))))
        .recover(error -> Future.failedFuture(isUniqueViolation(error) ? alreadyExists(tenant, error) : error))
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

  /** Reacts to {@code tenants-changed} signals from any node; completes once the directory is reloaded. */
  public Future<Void> onSignal(JsonObject signal) {
    if (SIGNAL.equals(signal.getString("kind"))) {
      String slug = signal.getString("tenant");
      return reloadDirectory().compose(done -> plugins.refresh(slug));
    }
    return Future.succeededFuture();
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

  /** Every tenant of the registry, deactivated ones too (the platform operator's list). */
  public List<TenantSummary> allWithInactive() {
    return directory.values().stream().sorted(Comparator.comparing(TenantSummary::departementCode)).toList();
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
    return DatabaseProblems.isDuplicate(error);
  }



}
