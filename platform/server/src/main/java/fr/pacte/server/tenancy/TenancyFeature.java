package fr.pacte.server.tenancy;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.TenantDirectory;
import fr.pacte.server.identity.TenantRealms;
import fr.pacte.server.identity.Territory;
import fr.pacte.server.observability.Metrics;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.platform.TenantSeeds;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.web.PageLayout;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tenants: their files under {@code tenants/} (applied a few at a time, each once per content), the registry and its
 * API, the tenant gate in front of every tenant route, and what identity must do when tenants come and go.
 */
public final class TenancyFeature implements Feature {

  private final TenantService service;
  private final TenantApi api;
  private final TenantPages pages;
  private final PlatformAdministration administration;
  private final TenantRealms realms;
  private volatile List<String> appliedFiles = List.of();

  public TenancyFeature(Node node, PageLayout layout, AuditStore audit, PluginService plugins, TenantRealms realms,
                        Metrics metrics) {
    this.realms = realms;
    this.service = new TenantService(node.transactions(), new TenantStore(), audit, plugins);
    layout.brandTenantsWith(service::branding);
    metrics.countTenants(slug -> service.find(slug).isPresent());
    java.util.function.Function<TenantStore.TenantSummary, Future<JsonObject>> afterCreate =
        tenant -> realms.created(tenant.slug(), tenant.displayName());
    java.util.function.BiFunction<String, Boolean, Future<Void>> afterStatusChange =
        (slug, active) -> realms.statusChanged(slug, service.find(slug).map(TenantStore.TenantSummary::displayName)
            .orElse(slug), active);
    this.api = new TenantApi(new Access(), service, afterCreate, afterStatusChange);
    this.pages = new TenantPages(service, plugins, layout);
    this.administration = new PlatformAdministration(new Access(), service, plugins, audit, node.transactions(), layout,
        afterCreate, afterStatusChange);
  }

  public TenantService service() {
    return service;
  }

  /** The slugs of the tenant files that were new or changed and so applied at this start. */
  public List<String> appliedFiles() {
    return appliedFiles;
  }

  /** The tenants as identity sees them. */
  public TenantDirectory directory() {
    return new TenantDirectory() {
      @Override
      public List<String> slugs() {
        return service.all().stream().map(TenantStore.TenantSummary::slug).toList();
      }

      @Override
      public Optional<String> displayName(String slug) {
        return service.find(slug).map(TenantStore.TenantSummary::displayName);
      }

      @Override
      public Future<List<Territory>> territories(String slug) {
        return service.territories(slug).map(List::<Territory>copyOf);
      }
    };
  }

  /** Reads every {@code tenants/<slug>/tenant.yaml} and applies the changed ones, a few tenants at a time. */
  @Override
  public Future<Void> seed(TenantSeeds seeds) {
    return seeds.tenants()
        .compose(slugs -> Future.all(slugs.stream()
            .map(slug -> seeds.readWithFolder(slug, TenantFile.FILE_NAME, TenantFile::readFile)).toList()))
        .compose(read -> {
          // Every file is read (and so checked) before any is applied: a malformed one stops start-up untouched.
          List<TenantSeeds.Seed<Tenant>> files = read.<TenantSeeds.Seed<Tenant>>list().stream()
              .sorted(Comparator.comparing(seed -> seed.value().departementCode())).toList();
          return service.reloadDirectory()
              .compose(done -> seeds.fewAtATime(files, file -> service.applyFile(seeds, file)))
              .map(changed -> {
                appliedFiles = files.stream().filter(file -> changed.get(files.indexOf(file)))
                    .map(file -> file.value().slug()).toList();
                return null;
              });
        })
        .compose(done -> service.reloadDirectory())
        .compose(done -> service.refreshAllPlugins());
  }

  @Override
  public void onSignal(JsonObject signal) {
    service.onSignal(signal).onComplete(done -> realms.trustOnly(directory().slugs()));
  }

  /** Unknown or deactivated tenants are refused before anything else looks at the request. */
  @Override
  public void filter(Router router) {
    api.mountTenantGate(router);
  }

  @Override
  public void mount(Router router) {
    api.mount(router);
    pages.mount(router);
    administration.mount(router);
  }
}
