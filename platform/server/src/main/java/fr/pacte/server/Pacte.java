package fr.pacte.server;

import fr.pacte.server.audit.AuditFeature;
import fr.pacte.server.calls.CallsFeature;
import fr.pacte.server.calls.InstructionFeature;
import fr.pacte.server.conventions.ConventionsFeature;
import fr.pacte.server.config.PacteConfig;
import fr.pacte.server.identity.Access;
import fr.pacte.server.identity.IdentityFeature;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.identity.TenantRealms;
import fr.pacte.server.indicators.IndicatorsFeature;
import fr.pacte.server.mail.MailFeature;
import fr.pacte.server.observability.Metrics;
import fr.pacte.server.observability.ObservabilityFeature;
import fr.pacte.server.offer.OfferFeature;
import fr.pacte.server.organisations.OrganisationsFeature;
import fr.pacte.server.pathways.PathwaysFeature;
import fr.pacte.server.platform.Feature;
import fr.pacte.server.platform.Node;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.plugins.PluginsFeature;
import fr.pacte.server.programmes.ProgrammesFeature;
import fr.pacte.server.referentials.ReferentialsFeature;
import fr.pacte.server.reporting.ReportingFeature;
import fr.pacte.server.requests.RequestsFeature;
import fr.pacte.server.tenancy.TenancyFeature;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.WebFeature;
import java.util.ArrayList;
import java.util.List;

/**
 * One running Pacte node: the composition root. It builds each package's feature from those it builds on, then runs
 * them as a list (see {@link Feature}); {@link #close} stops them in reverse. Adding a step of the chain is one
 * feature here.
 */
public final class Pacte implements AutoCloseable {

  private final PacteConfig config;
  private final List<Feature> built = new ArrayList<>();
  private Node node;
  private TenancyFeature tenancy;
  private PluginsFeature plugins;
  private MailFeature mail;
  private PathwaysFeature pathways;
  private ReportingFeature reporting;
  private boolean closed;

  private Pacte(PacteConfig config) {
    this.config = config;
  }

  /** Starts a node; blocking. Throws if the database, a tenant file or the HTTP port is not usable. */
  public static Pacte start(PacteConfig config) {
    Pacte pacte = new Pacte(config);
    try {
      pacte.boot();
      return pacte;
    } catch (RuntimeException e) {
      pacte.close();
      throw e;
    }
  }

  private void boot() {
    Metrics metrics = new Metrics();
    node = Node.start(config, metrics::instrument);
    ObservabilityFeature observability = built(new ObservabilityFeature(node, metrics));
    WebFeature web = built(new WebFeature(node));
    var layout = web.layout();
    AuditFeature audit = built(new AuditFeature(node, new Access().to(Permission.READ_AUDIT)));
    var trail = audit.store();
    plugins = built(new PluginsFeature(node, layout, trail, metrics.registry(), nationalExitTypes()));
    TenantRealms realms = TenantRealms.of(node.vertx(), config);
    tenancy = built(new TenancyFeature(node, layout, trail, plugins.service(), realms, metrics));
    mail = built(new MailFeature(node, layout, tenancy.service()));
    IdentityFeature identity = built(new IdentityFeature(node, layout, trail, realms, tenancy.directory()));
    RequestsFeature requests = built(new RequestsFeature(tenancy.service()));
    ReferentialsFeature referentials = built(new ReferentialsFeature(node, layout, trail));
    ProgrammesFeature programmes = built(new ProgrammesFeature(node, layout, trail, referentials.service()));
    OrganisationsFeature organisations = built(new OrganisationsFeature(node, layout, trail, tenancy.service(),
        identity.authentication()));
    plugins.usePageUploads(organisations.uploadBodies()::mount);
    identity.userPages().organisationsFrom(request -> organisations.service().names(request.pathParam("tenant")));
    OfferFeature offer = built(new OfferFeature(node, layout, trail, tenancy.service(), plugins.service(),
        organisations.service()));
    offer.pages().programmeActionsFrom(programmes.service()::actionChoices);
    CallsFeature calls = built(new CallsFeature(node, layout, trail, tenancy.service(), plugins.service()));
    organisations.uploads().alsoFor(fr.pacte.server.calls.ApplicationApi.API_ATTACH, fr.pacte.server.calls.ApplicationPages.PAGE_ATTACH);
    InstructionFeature instruction = built(new InstructionFeature(node, layout, trail, tenancy.service(),
        identity.users(), mail.outbox(), calls, organisations.service()));
    ConventionsFeature conventions = built(new ConventionsFeature(node, layout, trail, tenancy.service(), plugins.service(),
        offer.service(), identity.authentication()));
    pathways = built(new PathwaysFeature(node, layout, trail, tenancy.service(), plugins.service(), referentials.service(),
        mail.outbox(), offer.service(), identity.users()));
    reporting = built(new ReportingFeature(node, layout, trail, tenancy.service(), plugins.service(), referentials.service(),
        mail.outbox(), conventions.service()));
    IndicatorsFeature indicators = built(new IndicatorsFeature(node, layout, trail, tenancy.service(), offer.service(),
        referentials.service(), conventions.service()));
    // The order every phase runs in: requests meet identity before the tenants' routes, tenants are seeded first.
    node.run(List.of(observability, web, identity, requests, tenancy, plugins, audit, mail, referentials, programmes,
        organisations, offer, calls, instruction, conventions, pathways, reporting, indicators, plugins.tenantsStarted()), layout::addTenantPage);
  }

  /** Keeps a feature to close, in the reverse order of building. */
  private <F extends Feature> F built(F feature) {
    built.add(feature);
    return feature;
  }

  public String url() {
    return "http://" + config.httpHost() + ":" + port();
  }

  public int port() {
    return node.port();
  }

  /** What the features share: Vert.x, the database and its transactions, the router, the HTTP server instances. */
  public Node node() {
    return node;
  }

  public PacteConfig config() {
    return config;
  }

  public TenantService tenants() {
    return tenancy.service();
  }

  /** Where features put the e-mails they send (tests read it too). */
  public MailFeature mail() {
    return mail;
  }

  public PluginService plugins() {
    return plugins.service();
  }

  /** People, orientations and workshops (their services, for work outside HTTP and tests). */
  public PathwaysFeature pathways() {
    return pathways;
  }

  /** Monthly reports and yearly evaluations (their services, for work outside HTTP and tests). */
  public ReportingFeature reporting() {
    return reporting;
  }

  /** The slugs of the tenant files that were new or changed and so applied at this start. */
  public List<String> appliedTenantFiles() {
    return tenancy.appliedFiles();
  }

  @Override
  public void close() {
    if (node != null && !closed) {
      closed = true;
      node.stopServing();
      for (int i = built.size(); i-- > 0; ) {
        built.get(i).close();
      }
      node.close();
    }
  }

  /** The national exit types, code to label, in their order: the plugins' data view starts from them. */
  private static java.util.Map<String, String> nationalExitTypes() {
    java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
    fr.pacte.server.referentials.NationalReferentials.load().kind("exit-types")
        .ifPresent(kind -> kind.entries().forEach(entry -> labels.put(entry.code(), entry.label())));
    return labels;
  }
}
