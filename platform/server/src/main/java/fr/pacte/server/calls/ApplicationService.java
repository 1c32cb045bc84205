package fr.pacte.server.calls;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.calls.Application.State;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.organisations.DocumentStore;
import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.organisations.OrganisationStore;
import fr.pacte.server.organisations.VaultDocument;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applications to calls for projects on the extranet: an operator starts one for its organisation (prefilled),
 * saves its drafts with versions (a stale save is a 409 and loses nothing), and submits it complete before the
 * deadline. The request context's clock decides the deadline, in the tenant's time zone; every change is audited in
 * the transaction that makes it. Scope is checked here, so the API and the pages agree: an operator sees the
 * applications its organisation answers (alone or in a groupement), a territory agent those with a project on one
 * of their territories, the département's other staff all of them.
 */
public final class ApplicationService {

  private final Vertx vertx;
  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final AuditStore audit;
  private final ApplicationStore store = new ApplicationStore();
  private final CallStore calls = new CallStore();
  private final OrganisationStore organisations = new OrganisationStore();
  private final DocumentStore documents = new DocumentStore();

  /** The tenant's action types, whose descriptors name the capacity units of the lots. */
  private final Function<String, Map<String, ActionTypeDescriptor>> actionTypes;

  public ApplicationService(Vertx vertx, TenantTransactions transactions, TenantService tenants, AuditStore audit) {
    this(vertx, transactions, tenants, audit, tenant -> Map.of());
  }

  public ApplicationService(Vertx vertx, TenantTransactions transactions, TenantService tenants, AuditStore audit,
                            Function<String, Map<String, ActionTypeDescriptor>> actionTypes) {
    this.vertx = vertx;
    this.transactions = transactions;
    this.tenants = tenants;
    this.audit = audit;
    this.actionTypes = actionTypes;
  }

  /** The action types enabled for the tenant, by code. */
  public Map<String, ActionTypeDescriptor> actionTypes(String tenant) {
    return actionTypes.apply(tenant);
  }

  /** A call with the names of the tenant's territories, for pages and messages. */
  public record CallView(CallForProjects call, Map<String, String> territoryNames) {
  }

  /** Whether applications to {@code call} may be started, changed or submitted at {@code now}: published, not past its deadline. */
  public static boolean accepts(CallForProjects call, Instant now) {
    boolean published = call.state() == CallForProjects.State.PUBLISHED || call.state() == CallForProjects.State.CLOSED;
    return published && call.closesAt() != null && now.isBefore(call.closesAt())
        && (call.publishedAt() == null || !now.isBefore(call.publishedAt()));
  }

  public Future<CallView> call(RequestContext context, UUID callId) {
    return transactions.inTenant(context.tenant(), connection -> publishedCall(connection, callId))
        .compose(call -> territoryNames(context.tenant()).map(names -> new CallView(call, names)));
  }

  public Future<Map<String, String>> territoryNames(String tenant) {
    return tenants.territories(tenant).map(list -> {
      Map<String, String> names = new LinkedHashMap<>();
      list.forEach(t -> names.put(t.code(), t.name()));
      return names;
    });
  }

  /** The applications to a call the caller may see. */
  public Future<List<Application>> list(RequestContext context, UUID callId) {
    if (context.scope() == null) {
      return Future.failedFuture(Problem.forbidden("Connectez-vous pour voir les candidatures."));
    }
    String organisation = context.organisationScope();
    List<String> territories = organisation == null && !context.scope().territories().isEmpty()
        ? List.copyOf(context.scope().territories()) : null;
    return transactions.inTenant(context.tenant(), connection -> publishedCall(connection, callId)
        .compose(call -> store.ofCall(connection, callId, organisation, territories)));
  }

  public Future<Application> get(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id));
  }

  /** The organisation's application to the call, if it leads one; for the "Répondre à l'appel" button. */
  public Future<Optional<Application>> ofOrganisation(RequestContext context, UUID callId) {
    String organisation = context.organisationScope();
    if (organisation == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return transactions.inTenant(context.tenant(), connection -> store.ofCall(connection, callId, organisation, null))
        .map(list -> list.stream().filter(a -> organisation.equals(a.organisationId())).findFirst());
  }

  /** The tenant's operators a lead may answer with, in a groupement (names only; itself left out). */
  public Future<List<Organisation>> partnerChoices(RequestContext context, String lead) {
    return transactions.inTenant(context.tenant(), organisations::all).map(all -> all.stream()
        .filter(o -> "operator".equals(o.kind()) && !o.id().equals(lead)).toList());
  }

  /** The documents of the lead organisation's vault, to pick attachments from. */
  public Future<List<VaultDocument>> vault(RequestContext context, Application application) {
    return transactions.inTenant(context.tenant(), connection -> documents.ofOrganisation(connection,
        application.organisationId())).map(list -> list.stream().map(d -> d.inZone(context.zone())).toList());
  }

  /**
   * Starts the caller's organisation's application to a call, before its deadline: the general part prefilled from
   * the organisation's previous application, else from its record. {@code body} may carry a first draft.
   */
  public Future<Application> create(RequestContext context, UUID callId, JsonObject body) {
    String organisation = context.organisationScope();
    if (organisation == null) {
      return Future.failedFuture(Problem.forbidden("Seul un compte d'organisation (association, structure porteuse) "
          + "répond à un appel à projets, pour son organisation."));
    }
    Instant now = context.clock().instant();
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> publishedCall(connection, callId)
        .compose(call -> open(call, now).map(call))
        .compose(call -> store.existing(connection, callId, organisation).compose(existing -> existing.isPresent()
            ? Future.failedFuture(Problem.conflict("Votre organisation a déjà une candidature à cet appel à projets ("
                + existing.get() + ") : complétez-la, une seule partie générale est déposée par organisation."))
            : prefill(connection, organisation, callId))
            .compose(general -> store.insert(connection, tenant, callId, organisation, general, context.actor().audited()))
            .compose(inserted -> inserted.isPresent() ? Future.succeededFuture(inserted.get())
                : Future.failedFuture(Problem.conflict("Votre organisation a déjà une candidature à cet appel à projets.")))
            .compose(id -> audit.record(connection, tenant, context.actor().audited(), "application.created",
                "application:" + id, new JsonObject().put("call", callId.toString()).put("organisation", organisation)
                    .put("version", 1), context.requestId())
                .compose(done -> store.changed(connection, tenant, id, "application.created")).map(id))
            .compose(id -> firstDraft(connection, context, call, id, body, now).map(id)))
        .compose(id -> store.find(connection, id)).map(Optional::orElseThrow));
  }

  /**
   * Saves a draft if nobody saved it since {@code expectedVersion} (else a 409: the other save is kept, this one is
   * refused whole). Only the lead organisation changes it, only before the deadline.
   */
  public Future<Application> update(RequestContext context, UUID id, JsonObject body, int expectedVersion) {
    Instant now = context.clock().instant();
    return transactions.inTenant(context.tenant(), connection -> editable(connection, context, id, expectedVersion, now)
        .compose(editing -> save(connection, context, editing.call(), editing.locked(), body, now))
        .compose(done -> store.find(connection, id)).map(Optional::orElseThrow));
  }

  /**
   * Submits a complete draft before the deadline: a 400 listing in French what is missing, field by field; else the
   * content's hash, the acknowledgement of receipt and the versions of the attachments are fixed.
   */
  public Future<Application> submit(RequestContext context, UUID id, int expectedVersion) {
    Instant now = context.clock().instant();
    String tenant = context.tenant();
    return territoryNames(tenant).compose(names -> transactions.inTenant(tenant, connection ->
        editable(connection, context, id, expectedVersion, now)
            .compose(editing -> store.find(connection, id).map(Optional::orElseThrow).compose(application -> {
              List<FieldError> missing = ApplicationInput.missing(application, editing.call(), names,
                  actionTypes(tenant));
              if (!missing.isEmpty()) {
                return Future.failedFuture(new Problem(400, "candidature-incomplete", "Candidature incomplète",
                    "Il manque " + missing.size() + (missing.size() == 1 ? " élément" : " éléments")
                        + " pour déposer la candidature ; voir la liste des champs.", missing));
              }
              return store.fixVersions(connection, id)
                  .compose(done -> store.find(connection, id)).map(Optional::orElseThrow)
                  .compose(fixed -> {
                    String hash = sha256(canonical(fixed));
                    String tenantName = tenantName(tenant);
                    return Acknowledgement.document(tenantName, editing.call(), fixed, now, context.zone(), hash, names)
                        .render(vertx)
                        .compose(pdf -> store.submit(connection, id, now, context.actor().audited(), hash, pdf))
                        .compose(done -> audit.record(connection, tenant, context.actor().audited(), "application.submitted",
                            "application:" + id, new JsonObject().put("call", fixed.callId().toString())
                                .put("sha256", hash).put("projects", fixed.projects().size())
                                .put("version", expectedVersion + 1).put("submittedAt", now.toString()), context.requestId()))
                        .compose(done -> store.changed(connection, tenant, id, "application.submitted"));
                  });
            }))
            .compose(done -> store.find(connection, id)).map(Optional::orElseThrow)));
  }

  /** The acknowledgement of receipt of a submitted application the caller may see. */
  public Future<byte[]> acknowledgement(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id)
        .compose(application -> application.state() == State.DRAFT
            ? Future.failedFuture(Problem.notFound("Cette candidature n'est pas encore déposée : elle n'a pas d'accusé de réception."))
            : store.acknowledgement(connection, id).map(Optional::orElseThrow)));
  }

  /**
   * A part of the application uploaded from the form: the file goes into the lead organisation's vault (a new document,
   * or a new version of the one of that kind and label) and is attached to the draft, to the general part ({@code lot}
   * empty) or to the project answering {@code lot}; all in one transaction, audited, only while the draft may change.
   */
  public Future<Application> attach(RequestContext context, UUID id, String lot, fr.pacte.server.organisations.DocumentUpload upload,
                                    Integer expectedVersion) {
    Instant now = context.clock().instant();
    String tenant = context.tenant();
    String lotCode = lot == null ? "" : lot.strip();
    String part = upload.kind().code();
    List<FieldError> errors = new ArrayList<>();
    if (lotCode.isEmpty() && !ApplicationInput.GENERAL_PARTS.containsKey(part)) {
      errors.add(new FieldError("kind", "Ce type de document n'est pas une pièce de la partie générale (CV, rapport "
          + "d'activité, composition du conseil d'administration, RIB)."));
    } else if (!lotCode.isEmpty() && !ApplicationInput.PROJECT_PARTS.containsKey(part)) {
      errors.add(new FieldError("kind", "Ce type de document n'est pas une pièce d'un projet (fiche synthétique, modélisation)."));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    return transactions.inTenant(tenant, connection -> store.find(connection, id).compose(found -> {
      int version = expectedVersion != null ? expectedVersion : found.map(Application::version).orElse(0);
      return editable(connection, context, id, version, now);
    }).compose(editing -> store.find(connection, id).map(Optional::orElseThrow).compose(application -> {
      if (!lotCode.isEmpty() && application.projects().stream().noneMatch(p -> p.lotCode().equals(lotCode))) {
        return Future.failedFuture(Problem.validation(List.of(new FieldError("lot",
            "La candidature n'a pas de projet sur ce lot : cochez-le et enregistrez le brouillon d'abord."))));
      }
      String owner = application.organisationId();
      return documents.slot(connection, tenant, owner, upload.kind(), upload.label())
          .compose(document -> documents.addVersion(connection, tenant, document, upload.fileName(), upload.mediaType(),
                  upload.content(), upload.sha256(), upload.validUntil(), context.actor().audited())
              .compose(number -> audit.record(connection, tenant, context.actor().audited(), "document.uploaded",
                  "document:" + document, new JsonObject().put("organisation", owner).put("kind", part)
                      .put("label", upload.label()).put("version", number).put("sha256", upload.sha256())
                      .put("sizeBytes", upload.content().length).put("application", id.toString()), context.requestId()))
              .compose(done -> {
                List<ApplicationInput.Attached> attached = new ArrayList<>();
                application.attachments().stream().filter(a -> !a.documentId().equals(document) || !a.lotCode().equals(lotCode))
                    .forEach(a -> attached.add(new ApplicationInput.Attached(a.lotCode(), a.part(), a.documentId())));
                attached.add(new ApplicationInput.Attached(lotCode, part, document));
                ApplicationInput.Content content = new ApplicationInput.Content(application.general(),
                    application.members().stream().sorted((a, b) -> Boolean.compare(b.lead(), a.lead()))
                        .map(Application.Member::organisationId).toList(), application.projects(), attached);
                return store.replace(connection, tenant, id, content, now);
              })
              .compose(done -> audit.record(connection, tenant, context.actor().audited(), "application.saved",
                  "application:" + id, new JsonObject().put("version", application.version() + 1).put("attached", document.toString())
                      .put("lot", lotCode).put("part", part), context.requestId()))
              .compose(done -> store.changed(connection, tenant, id, "application.attached")));
    })).compose(done -> store.find(connection, id)).map(Optional::orElseThrow));
  }

  /** The whole application as a PDF for the committee's file, for whoever may read it. */
  public Future<byte[]> file(RequestContext context, UUID id) {
    String tenant = context.tenant();
    return territoryNames(tenant).compose(names -> transactions.inTenant(tenant, connection -> visible(connection, context, id)
        .compose(application -> calls.find(connection, application.callId()).map(Optional::orElseThrow)
            .map(call -> ApplicationFile.document(tenantName(tenant), call, application, context.zone(), names)))))
        .compose(document -> document.render(vertx));
  }

  private record Editing(CallForProjects call, ApplicationStore.Locked locked) {
  }

  private Future<Editing> editable(SqlConnection connection, RequestContext context, UUID id, int expectedVersion, Instant now) {
    return visible(connection, context, id).compose(application -> {
      if (context.organisationScope() == null || !context.organisationScope().equals(application.organisationId())) {
        return Future.failedFuture(Problem.forbidden(context.organisationScope() != null
            ? "Seul l'organisme chef de file du groupement modifie et dépose la candidature."
            : "Seule l'organisation candidate modifie et dépose sa candidature."));
      }
      return store.lock(connection, id).map(Optional::orElseThrow).compose(locked -> calls.find(connection, locked.callId())
          .map(Optional::orElseThrow).compose(call -> {
            if (locked.state() != State.DRAFT) {
              return Future.failedFuture(Problem.conflict("Cette candidature est déjà déposée : elle ne peut plus être modifiée."));
            }
            return open(call, now).compose(ok -> {
              if (locked.version() != expectedVersion) {
                return Future.failedFuture(Problem.conflict("Cette candidature a été enregistrée entre-temps (version "
                    + locked.version() + ", vous aviez la version " + expectedVersion + "), par exemple depuis un autre "
                    + "onglet. Rechargez-la : vos changements n'ont pas été enregistrés, recopiez-les après."));
              }
              return Future.succeededFuture(new Editing(call, locked));
            });
          }));
    });
  }

  private Future<Void> firstDraft(SqlConnection connection, RequestContext context, CallForProjects call, UUID id,
                                  JsonObject body, Instant now) {
    if (body == null || body.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.lock(connection, id).map(Optional::orElseThrow)
        .compose(locked -> save(connection, context, call, locked, body, now));
  }

  private Future<Void> save(SqlConnection connection, RequestContext context, CallForProjects call,
                            ApplicationStore.Locked locked, JsonObject body, Instant now) {
    String tenant = context.tenant();
    return documents.ofOrganisation(connection, locked.organisationId()).compose(vault -> {
      Map<UUID, String> kinds = new LinkedHashMap<>();
      vault.forEach(d -> kinds.put(d.id(), d.kind().code()));
      ApplicationInput.Content content;
      try {
        content = ApplicationInput.parse(body, call, locked.organisationId(), kinds);
      } catch (Problem problem) {
        return Future.failedFuture(problem);
      }
      return knownMembers(connection, content.members())
          .compose(ok -> store.replace(connection, tenant, locked.id(), content, now))
          .compose(done -> audit.record(connection, tenant, context.actor().audited(), "application.saved",
              "application:" + locked.id(), new JsonObject().put("version", locked.version() + 1)
                  .put("projects", new JsonArray(content.projects().stream().map(Application.Project::lotCode).toList()))
                  .put("members", new JsonArray(content.members())), context.requestId()))
          .compose(done -> store.changed(connection, tenant, locked.id(), "application.saved"));
    });
  }

  private Future<Void> knownMembers(SqlConnection connection, List<String> members) {
    List<FieldError> errors = new ArrayList<>();
    Future<Void> checks = Future.succeededFuture();
    for (int i = 1; i < members.size(); i++) {
      String member = members.get(i);
      String field = "members[" + (i - 1) + "]";
      checks = checks.compose(done -> organisations.find(connection, member).map(found -> {
        if (found.isEmpty()) {
          errors.add(new FieldError(field, "Aucune organisation « " + member + " » dans ce département."));
        }
        return null;
      }));
    }
    return checks.compose(done -> errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Problem.validation(errors)));
  }

  /** The general part to start from: the organisation's previous application, else what its record says. */
  private Future<JsonObject> prefill(SqlConnection connection, String organisation, UUID callId) {
    return store.previousGeneral(connection, organisation, callId).compose(previous -> previous.isPresent()
        ? Future.succeededFuture(previous.get())
        : organisations.find(connection, organisation).map(found -> found.map(ApplicationService::fromRecord)
            .orElseGet(JsonObject::new)));
  }

  static JsonObject fromRecord(Organisation o) {
    JsonObject identification = new JsonObject().put("name", o.name());
    putIf(identification, "siret", o.siret());
    String address = o.address() == null ? "" : o.address().oneLine();
    putIf(identification, "address", address.isBlank() ? null : address);
    JsonObject representative = new JsonObject();
    if (o.legalRepresentative() != null) {
      putIf(representative, "name", o.legalRepresentative().name());
      putIf(representative, "role", o.legalRepresentative().role());
    }
    JsonObject contact = new JsonObject();
    if (!o.contacts().isEmpty()) {
      Organisation.Contact first = o.contacts().get(0);
      putIf(contact, "name", first.name());
      putIf(contact, "role", first.role());
      putIf(contact, "email", first.email());
      putIf(contact, "phone", first.phone());
      putIf(identification, "email", first.email());
      putIf(identification, "phone", first.phone());
    }
    JsonObject administrative = new JsonObject();
    putIf(administrative, "legalForm", o.legalForm());
    putIf(administrative, "rna", o.rna());
    return new JsonObject().put("identification", identification).put("legalRepresentative", representative)
        .put("fileContact", contact).put("administrative", administrative);
  }

  private static void putIf(JsonObject json, String key, String value) {
    if (value != null && !value.isBlank()) {
      json.put(key, value);
    }
  }

  /** The application if the caller may see it; a 404 otherwise (another organisation's file is not disclosed). */
  private Future<Application> visible(SqlConnection connection, RequestContext context, UUID id) {
    return store.find(connection, id).compose(found -> {
      if (found.isEmpty() || !mayRead(context, found.get())) {
        return Future.failedFuture(missing(id));
      }
      return Future.succeededFuture(found.get());
    });
  }

  static boolean mayRead(RequestContext context, Application application) {
    if (context.scope() == null) {
      return false;
    }
    String organisation = context.organisationScope();
    if (organisation != null) {
      return application.hasMember(organisation);
    }
    if (context.scope().territories().isEmpty()) {
      return true;
    }
    return application.territories().stream().anyMatch(context.scope().territories()::contains);
  }

  private Future<CallForProjects> publishedCall(SqlConnection connection, UUID callId) {
    return calls.find(connection, callId).compose(found -> found.isEmpty() || found.get().state() == CallForProjects.State.DRAFT
        ? Future.failedFuture(Problem.notFound("Aucun appel à projets « " + callId + " » publié dans ce département."))
        : Future.succeededFuture(found.get()));
  }

  private static Future<Void> open(CallForProjects call, Instant now) {
    if (accepts(call, now)) {
      return Future.succeededFuture();
    }
    if (call.closesAt() != null && !now.isBefore(call.closesAt())) {
      return Future.failedFuture(Problem.conflict("La date limite de l'appel à projets était le "
          + CallForProjects.deadlineLabel(call.content().deadline())
          + " : plus aucune candidature ne peut être déposée ni modifiée."));
    }
    return Future.failedFuture(Problem.conflict("Cet appel à projets n'est pas ouvert aux candidatures ("
        + call.state().label().toLowerCase() + ")."));
  }

  private String tenantName(String tenant) {
    return tenants.all().stream().filter(t -> t.slug().equals(tenant)).map(t -> t.name()).findFirst().orElse(tenant);
  }

  /** The content submitted, in a stable form: what the hash covers. */
  static String canonical(Application application) {
    JsonObject content = new JsonObject().put("call", application.callId().toString())
        .put("organisation", application.organisationId())
        .put("members", new JsonArray(application.members().stream().map(Application.Member::organisationId).toList()))
        .put("general", sorted(application.general()))
        .put("projects", new JsonArray(application.projects().stream().map(p -> sorted(new JsonObject()
            .put("lot", p.lotCode()).put("title", p.title()).put("territories", new JsonArray(p.territories()))
            .put("description", p.description())
            .put("objectives", new JsonArray(p.objectives().stream().map(o -> new JsonObject().put("territory", o.territory())
                .put("year", o.year()).put("target", o.target())).toList()))
            .put("indicators", new JsonArray(p.indicators())).put("otherInformation", p.otherInformation())
            .put("budget", p.budget().toStored()))).toList()))
        .put("attachments", new JsonArray(application.attachments().stream().map(a -> new JsonObject()
            .put("lot", a.lotCode()).put("part", a.part()).put("document", a.documentId().toString())
            .put("version", a.versionNumber())).toList()));
    return content.encode();
  }

  private static JsonObject sorted(JsonObject json) {
    JsonObject sorted = new JsonObject(new java.util.TreeMap<>());
    json.fieldNames().stream().sorted().forEach(key -> {
      Object value = json.getValue(key);
      sorted.put(key, value instanceof JsonObject object ? sorted(object) : value);
    });
    return sorted;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<String> lotTitles(CallForProjects call) {
    return call.content().lots().stream().map(Lot::title).toList();
  }

  static List<String> codes(List<Tenant.Territory> territories) {
    return territories.stream().map(Tenant.Territory::code).toList();
  }

  private static Problem missing(UUID id) {
    return Problem.notFound("Aucune candidature « " + id + " » accessible dans ce département.");
  }
}
