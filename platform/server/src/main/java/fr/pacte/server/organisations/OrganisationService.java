package fr.pacte.server.organisations;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.DatabaseProblems;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Organisations and their document vault: every change checked, versioned and audited in one transaction. The
 * caller's scope is checked here: an operator account reads and changes its own organisation only, and only the
 * département's staff create organisations.
 */
public final class OrganisationService {

  /** The organisation of the demonstration operator account ("association") of every tenant. */
  public static final String DEMO_ORGANISATION = "association-demo";

  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final AuditStore audit;
  private final OrganisationStore store = new OrganisationStore();
  private final DocumentStore documents = new DocumentStore();

  public OrganisationService(TenantTransactions transactions, TenantService tenants, AuditStore audit) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.audit = audit;
  }

  /** Every organisation of the tenant, or only its own when the caller's scope is one organisation. */
  public Future<List<Organisation>> list(RequestContext context) {
    String onlyId = context.organisationScope();
    return transactions.inTenant(context.tenant(), store::all)
        .map(all -> onlyId == null ? all : all.stream().filter(o -> o.id().equals(onlyId)).toList());
  }

  /** The names of all the tenant's organisations, by id, in alphabetical order of name (for the Users page). */
  public Future<java.util.Map<String, String>> names(String tenant) {
    return transactions.inTenant(tenant, store::all).map(all -> {
      java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
      all.stream().sorted(java.util.Comparator.comparing(Organisation::name, String.CASE_INSENSITIVE_ORDER))
          .forEach(o -> names.put(o.id(), o.name()));
      return names;
    });
  }

  public Future<Organisation> get(RequestContext context, String id) {
    return readable(context, id).compose(ok -> transactions.inTenant(context.tenant(), connection -> store.find(connection, id)))
        .map(found -> found.orElseThrow(() -> missing(id)));
  }

  /** The codes a territory list may use: every territory of the tenant. */
  public Future<Set<String>> territoryCodes(String tenant) {
    return tenants.territories(tenant).map(list -> {
      Set<String> codes = new LinkedHashSet<>();
      list.stream().map(Tenant.Territory::code).forEach(codes::add);
      return codes;
    });
  }

  public Future<Organisation> create(RequestContext context, Organisation organisation) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return staffOnly(context).compose(allowed -> transactions.inTenant(tenant, connection -> uniqueIdentifiers(connection, organisation, "")
        .compose(ok -> store.insert(connection, tenant, organisation, false))
        .compose(inserted -> inserted.isPresent() ? Future.succeededFuture(inserted.get())
            : Future.failedFuture(DatabaseProblems.alreadyUsed("id",
                "L'identifiant « " + organisation.id() + " » est déjà celui d'une autre organisation ; choisissez-en un autre.")))
        .compose(saved -> audit.record(connection, tenant, actor.audited(), "organisation.created", "organisation:" + saved.id(),
            new JsonObject().put("name", saved.name()).put("version", saved.version()), requestId).map(saved))));
  }

  /** Changes an organisation if nobody changed it since {@code expectedVersion}; a stale edit is a 409. */
  public Future<Organisation> update(RequestContext context, String id, Organisation changes, int expectedVersion) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return editable(context, id).compose(allowed -> transactions.inTenant(tenant, connection -> store.lock(connection, id)
        .compose(current -> current.isPresent() ? Future.succeededFuture(current.get()) : Future.failedFuture(missing(id)))
        .compose(current -> current.version() == expectedVersion ? Future.succeededFuture(current)
            : Future.failedFuture(Problem.conflict("L'organisation « " + current.name() + " » a été modifiée entre-temps (version "
                + current.version() + ", vous aviez la version " + expectedVersion + "). Rechargez-la : vos changements n'ont pas été enregistrés.")))
        .compose(current -> uniqueIdentifiers(connection, changes, id))
        .compose(ok -> store.update(connection, withId(changes, id)))
        .compose(saved -> audit.record(connection, tenant, actor.audited(), "organisation.updated", "organisation:" + id,
            new JsonObject().put("version", saved.version()), requestId).map(saved))));
  }

  public Future<List<VaultDocument>> documents(RequestContext context, String organisationId) {
    return readable(context, organisationId).compose(ok -> transactions.inTenant(context.tenant(),
        connection -> existing(connection, organisationId)
            .compose(organisation -> documents.ofOrganisation(connection, organisationId))));
  }

  public Future<VaultDocument> document(RequestContext context, String organisationId, UUID documentId) {
    return readable(context, organisationId)
        .compose(ok -> transactions.inTenant(context.tenant(), connection -> documents.find(connection, organisationId, documentId)))
        .map(found -> found.orElseThrow(() -> Problem.notFound("Aucun document « " + documentId + " » pour cette organisation.")));
  }

  /** Adds a version to the document of that kind and label (created at its first upload). */
  public Future<VaultDocument> upload(RequestContext context, String organisationId, DocumentUpload upload) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return editable(context, organisationId).compose(allowed -> transactions.inTenant(tenant, connection -> existing(connection, organisationId)
        .compose(organisation -> documents.slot(connection, tenant, organisationId, upload.kind(), upload.label()))
        .compose(documentId -> documents.addVersion(connection, tenant, documentId, upload.fileName(), upload.mediaType(),
                upload.content(), upload.sha256(), upload.validUntil(), actor.audited())
            .compose(number -> audit.record(connection, tenant, actor.audited(), "document.uploaded", "document:" + documentId,
                new JsonObject().put("organisation", organisationId).put("kind", upload.kind().code()).put("label", upload.label())
                    .put("version", number).put("sha256", upload.sha256()).put("sizeBytes", upload.content().length), requestId))
            .compose(recorded -> documents.find(connection, organisationId, documentId))
            .map(Optional::orElseThrow))));
  }

  /** One version of a document's file; {@code number} null: the current one. */
  public Future<DocumentStore.Content> content(RequestContext context, String organisationId, UUID documentId, Integer number) {
    Future<Integer> version = number != null ? Future.succeededFuture(number)
        : document(context, organisationId, documentId).map(d -> d.current().number());
    return readable(context, organisationId).compose(ok -> version)
        .compose(n -> transactions.inTenant(context.tenant(), connection -> documents.content(connection, organisationId, documentId, n))
        .map(found -> found.orElseThrow(() -> Problem.notFound("Aucune version " + n + " de ce document."))));
  }

  /** The demonstration operator of the embedded default, created once per tenant; no SIRET is invented for it. */
  public Future<Boolean> ensureDemo(String tenant) {
    Organisation demo = new Organisation(DEMO_ORGANISATION, "operator", "Association de démonstration", null, null,
        "Association loi 1901", new Organisation.Address(null, null, null), new Organisation.Person(null, null), List.of(),
        List.of(), 0, null);
    return transactions.inTenant(tenant, connection -> store.insert(connection, tenant, demo, true)
        .compose(inserted -> inserted.isEmpty() ? Future.succeededFuture(false)
            : audit.record(connection, tenant, Actor.system("démonstration").audited(), "organisation.created",
                "organisation:" + DEMO_ORGANISATION, new JsonObject().put("demo", true), null).map(true)));
  }

  /** An operator reads its own organisation only; the département's staff read them all. */
  private static Future<Void> readable(RequestContext context, String id) {
    return checked(() -> {
      if (context.organisationScope() != null) {
        context.requireOrganisation(id);
      }
    });
  }

  private static Future<Void> editable(RequestContext context, String id) {
    return checked(() -> context.requireOrganisation(id));
  }

  private static Future<Void> staffOnly(RequestContext context) {
    return checked(() -> context.requireStaff("Un compte d'organisation ne peut pas créer d'autre organisation."));
  }

  private static Future<Void> checked(Runnable rule) {
    try {
      rule.run();
      return Future.succeededFuture();
    } catch (Problem refused) {
      return Future.failedFuture(refused);
    }
  }

  private Future<Organisation> existing(SqlConnection connection, String id) {
    return store.find(connection, id)
        .compose(found -> found.isPresent() ? Future.succeededFuture(found.get()) : Future.failedFuture(missing(id)));
  }

  private Future<Void> uniqueIdentifiers(SqlConnection connection, Organisation organisation, String exceptId) {
    if (organisation.siret() == null && organisation.rna() == null) {
      return Future.succeededFuture();
    }
    return store.holderOf(connection, organisation.siret(), organisation.rna(), exceptId)
        .compose(holder -> holder.isEmpty() ? Future.<Void>succeededFuture()
            // A conflict with what is stored, as the unique index says when two requests pass this check together.
            : Future.failedFuture(DatabaseProblems.alreadyUsed(holder.get().field(),
                "Ce numéro est déjà celui de l'organisation « " + holder.get().id() + " » dans ce département.")));
  }

  private static Organisation withId(Organisation o, String id) {
    return new Organisation(id, o.kind(), o.name(), o.siret(), o.rna(), o.legalForm(), o.address(), o.legalRepresentative(),
        o.contacts(), o.territories(), o.version(), o.updatedAt());
  }

  private static Problem missing(String id) {
    return Problem.notFound("Aucune organisation « " + id + " » dans ce département.");
  }
}
