package fr.pacte.server.calls;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.SelectionCriterion;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.calls.CallForProjects.Content;
import fr.pacte.server.calls.CallForProjects.Criterion;
import fr.pacte.server.calls.CallForProjects.Level;
import fr.pacte.server.calls.CallForProjects.Lot;
import fr.pacte.server.calls.CallForProjects.Need;
import fr.pacte.server.calls.CallForProjects.State;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.plugins.InstalledPlugin;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Calls for projects of a tenant: drafts edited with versioned updates, publication (which freezes lots and grid),
 * copies, the Somme's call loaded from its file, and the closing at the deadline. Every change is audited in the
 * transaction that makes it. The clock is injected: the deadline is decided by the server's clock alone.
 */
public final class CallService {

  /** The scale given to an action type's own criterion the call does not weigh itself. */
  static final List<Level> DEFAULT_SCALE = List.of(new Level(0, "Insuffisant"), new Level(1, "Partiel"),
      new Level(2, "Satisfaisant"), new Level(3, "Très satisfaisant"));

  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final PluginService plugins;
  private final AuditStore audit;
  private final Clock clock;
  private final CallStore store = new CallStore();

  public CallService(TenantTransactions transactions, TenantService tenants, PluginService plugins, AuditStore audit,
                     Clock clock) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.plugins = plugins;
    this.audit = audit;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  /** The action types of the plugins enabled (and serving) for the tenant, by code. */
  public Map<String, ActionTypeDescriptor> actionTypes(String tenant) {
    Map<String, ActionTypeDescriptor> types = new LinkedHashMap<>();
    for (InstalledPlugin plugin : plugins.servingFor(tenant)) {
      plugin.actionTypes().forEach(type -> types.put(type.code(), type));
    }
    return types;
  }

  public Future<List<Tenant.Territory>> territories(String tenant) {
    return tenants.territories(tenant);
  }

  /** Reads a call sent for this tenant: action types of its enabled plugins, its territories. */
  public Future<Content> parse(String tenant, JsonObject body) {
    return territories(tenant).map(list -> CallInput.parse(body, actionTypes(tenant).keySet(), codes(list), tenants.zone(tenant).getId()));
  }

  public Future<List<CallForProjects>> list(String tenant) {
    return transactions.inTenant(tenant, store::list);
  }

  /** What the public page shows: every call once published (drafts never). */
  public Future<List<CallForProjects>> published(String tenant) {
    return list(tenant).map(calls -> calls.stream().filter(call -> call.state() != State.DRAFT).toList());
  }

  public Future<CallForProjects> get(String tenant, UUID id) {
    return transactions.inTenant(tenant, connection -> store.find(connection, id))
        .map(found -> found.orElseThrow(() -> missing(id)));
  }

  public Future<CallForProjects> create(String tenant, Content content, Actor actor, String requestId) {
    return transactions.inTenant(tenant, connection -> completed(connection, tenant, content)
        .compose(full -> store.insert(connection, tenant, null, full, State.DRAFT, null, null, null)
            .compose(id -> audit.record(connection, tenant, actor.audited(), "call.created", "call:" + id,
                summary(full).put("version", 1), requestId).map(id)))
        .compose(id -> store.find(connection, id)).map(found -> found.orElseThrow()));
  }

  /**
   * Changes a draft if nobody changed it since {@code expectedVersion}. A stale version is a 409; so is any change
   * once the call is published: applicants answer the lots and grid as published.
   */
  public Future<CallForProjects> update(String tenant, UUID id, Content content, int expectedVersion, Actor actor,
                                        String requestId) {
    return transactions.inTenant(tenant, connection -> draftAt(connection, id, expectedVersion)
        .compose(ok -> completed(connection, tenant, content))
        .compose(full -> store.update(connection, tenant, id, full)
            .compose(done -> audit.record(connection, tenant, actor.audited(), "call.updated", "call:" + id,
                summary(full).put("version", expectedVersion + 1), requestId)))
        .compose(done -> store.find(connection, id)).map(found -> found.orElseThrow()));
  }

  /** Publishes a complete draft: at least one lot, a grid, a deadline still ahead. Lots and grid are frozen from then on. */
  public Future<CallForProjects> publish(String tenant, UUID id, int expectedVersion, Actor actor, String requestId) {
    Instant now = clock.instant();
    return transactions.inTenant(tenant, connection -> draftAt(connection, id, expectedVersion)
        .compose(ok -> store.find(connection, id)).map(found -> found.orElseThrow())
        .compose(call -> {
          List<Problem.FieldError> missing = new ArrayList<>();
          Content c = call.content();
          if (c.lots().isEmpty()) {
            missing.add(new Problem.FieldError("lots", "Un appel à projets publié a au moins un lot."));
          }
          if (c.criteria().stream().noneMatch(Criterion::general)) {
            missing.add(new Problem.FieldError("criteria", "Un appel à projets publié a une grille de sélection (au moins un critère général)."));
          }
          if (c.deadline() == null) {
            missing.add(new Problem.FieldError("deadline", "Indiquez la date limite de réponse avant de publier."));
          } else if (!c.closesAt().isAfter(now)) {
            missing.add(new Problem.FieldError("deadline", "La date limite (" + CallForProjects.deadlineLabel(c.deadline())
                + ") est déjà passée."));
          }
          if (!missing.isEmpty()) {
            return Future.failedFuture(Problem.validation(missing));
          }
          return store.publish(connection, id, LocalDate.ofInstant(now, ZoneId.of(c.timeZone())), now)
              .compose(done -> audit.record(connection, tenant, actor.audited(), "call.published", "call:" + id,
                  new JsonObject().put("version", expectedVersion + 1).put("deadline", c.deadline().toString()), requestId));
        })
        .compose(done -> store.find(connection, id)).map(found -> found.orElseThrow()));
  }

  /** A new draft with the text, lots and grid of an earlier call (any state), without its dates. */
  public Future<CallForProjects> copy(String tenant, UUID from, Actor actor, String requestId) {
    return transactions.inTenant(tenant, connection -> store.find(connection, from)
        .map(found -> found.orElseThrow(() -> missing(from)))
        .compose(source -> completed(connection, tenant, source.content().copy())
            .compose(full -> store.insert(connection, tenant, null, full, State.DRAFT, from, null, null))
            .compose(id -> audit.record(connection, tenant, actor.audited(), "call.copied", "call:" + id,
                new JsonObject().put("from", from.toString()).put("version", 1), requestId).map(id)))
        .compose(id -> store.find(connection, id)).map(found -> found.orElseThrow()));
  }

  /**
   * Loads a call from {@code tenants/<slug>/calls/<code>.yaml}, within the seed's transaction: the same checks as
   * the API (a fault stops start-up naming the file and the field), then the call replaced under its code.
   */
  public Future<Void> replaceFromFile(SqlConnection connection, String tenant, CallFile file, String hash,
                                      String displayName) {
    return territories(tenant).compose(list -> {
      Content content;
      try {
        // A published call names its action types whether or not this node runs their plugins (as the needs file
        // does): the file is not checked against the enabled plugins, whose own criteria are added when present.
        content = CallInput.parse(file.body(), null, codes(list), tenants.zone(tenant).getId());
      } catch (Problem problem) {
        Problem.FieldError first = problem.errors().get(0);
        return Future.failedFuture(new YamlFileException(displayName, 1, first.field(), first.message()));
      }
      Instant publishedAt = file.state() == State.DRAFT || content.publicationDate() == null ? null
          : content.publicationDate().atStartOfDay(ZoneId.of(content.timeZone())).toInstant();
      Actor system = Actor.system("fichier des appels à projets");
      return completed(connection, tenant, content)
          .recover(error -> error instanceof Problem problem && !problem.errors().isEmpty()
              ? Future.failedFuture(new YamlFileException(displayName, 1, problem.errors().get(0).field(),
                  problem.errors().get(0).message()))
              : Future.failedFuture(error))
          .compose(full -> store.findByCode(connection, file.code()).compose(existing -> existing.isPresent()
              ? store.update(connection, tenant, existing.get().getKey(), full).map(existing.get().getKey())
              : store.insert(connection, tenant, file.code(), full, file.state(), null, hash, publishedAt)))
          .compose(id -> store.markFromFile(connection, id, file.state(), hash, publishedAt)
              .compose(done -> audit.record(connection, tenant, system.audited(), "call.loaded-from-file", "call:" + id,
                  new JsonObject().put("file", displayName).put("state", file.state().code()), null)));
    });
  }

  /**
   * Closes every tenant's published calls whose deadline has come. Run by each node on a timer; the advisory lock
   * taken per tenant makes one node do it, and the closing is audited once.
   */
  public Future<Integer> closeDue() {
    Instant now = clock.instant();
    return transactions.fewAtATime(tenants.all(), tenant -> transactions.inTenant(tenant.slug(),
        connection -> store.closeDue(connection, tenant.slug(), now)
          .compose(closed -> {
            Future<Void> chain = Future.succeededFuture();
            for (CallStore.Closed call : closed) {
              chain = chain.compose(done -> audit.record(connection, tenant.slug(), Actor.system("date limite").audited(),
                  "call.closed", "call:" + call.id(), new JsonObject().put("version", call.version())
                      .put("closedAt", now.toString()), null));
            }
            return chain.map(closed.size());
          })))
        .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
  }

  /** Checks the references (programmes, needs), takes the lots' needs and adds the action types' own criteria. */
  private Future<Content> completed(SqlConnection connection, String tenant, Content content) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Future<Void> checks = Future.succeededFuture();
    for (int i = 0; i < content.programmeRefs().size(); i++) {
      String ref = content.programmeRefs().get(i);
      String field = "programmeRefs[" + i + "]";
      checks = checks.compose(done -> store.programmeRefExists(connection, ref).map(known -> {
        if (!known) {
          errors.add(new Problem.FieldError(field, "Aucune fiche ni action « " + ref + " » dans les programmes de ce département."));
        }
        return null;
      }));
    }
    if (content.needsFrom() != null) {
      checks = checks.compose(done -> store.needsCallExists(connection, content.needsFrom()).map(known -> {
        if (!known) {
          errors.add(new Problem.FieldError("needsFrom", "Aucun besoin chargé pour l'appel « " + content.needsFrom()
              + " » dans ce département."));
        }
        return null;
      }));
    }
    return checks.compose(done -> {
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      Future<Map<String, Map<String, Need>>> needs = content.needsFrom() == null ? Future.succeededFuture(Map.of())
          : store.needs(connection, content.needsFrom());
      return needs.map(found -> content.with(lotsWithNeeds(content.lots(), found), withOwnCriteria(tenant, content)));
    });
  }

  private static List<Lot> lotsWithNeeds(List<Lot> lots, Map<String, Map<String, Need>> needs) {
    return lots.stream().map(lot -> {
      Map<String, Need> byTerritory = needs.getOrDefault(lot.actionType(), Map.of());
      return lot.withNeeds(lot.territories().stream().filter(byTerritory::containsKey).map(byTerritory::get).toList());
    }).toList();
  }

  /** Each lot's action type brings the criteria of its plugin descriptor that the call does not already weigh. */
  private List<Criterion> withOwnCriteria(String tenant, Content content) {
    List<Criterion> criteria = new ArrayList<>(content.criteria());
    Set<String> present = new LinkedHashSet<>();
    criteria.forEach(c -> present.add(c.actionType() + "|" + c.code()));
    List<Level> scale = criteria.stream().filter(Criterion::general).findFirst().map(Criterion::scale).orElse(DEFAULT_SCALE);
    Map<String, ActionTypeDescriptor> types = actionTypes(tenant);
    for (Lot lot : content.lots()) {
      ActionTypeDescriptor type = types.get(lot.actionType());
      if (type == null) {
        continue;
      }
      for (SelectionCriterion own : type.selectionCriteria()) {
        if (present.add(type.code() + "|" + own.code())) {
          criteria.add(new Criterion(own.code(), own.label().fr(), type.code(), 1, scale, List.of()));
        }
      }
    }
    return criteria;
  }

  private Future<Void> draftAt(SqlConnection connection, UUID id, int expectedVersion) {
    return store.lock(connection, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(missing(id));
      }
      int version = found.get().getKey();
      if (version != expectedVersion) {
        return Future.failedFuture(Problem.conflict("Cet appel à projets a été modifié entre-temps (version " + version
            + ", vous aviez la version " + expectedVersion + "). Rechargez-le : vos changements n'ont pas été enregistrés."));
      }
      if (found.get().getValue() != State.DRAFT) {
        return Future.failedFuture(Problem.conflict("Cet appel à projets est " + found.get().getValue().label().toLowerCase()
            + " : ses lots et sa grille de sélection sont figés depuis sa publication. Copiez-le pour en préparer un autre."));
      }
      return Future.succeededFuture();
    });
  }

  private static JsonObject summary(Content content) {
    return new JsonObject().put("title", content.title()).put("lots", content.lots().size())
        .put("criteria", content.criteria().size()).put("budgetCents", content.budgetCents())
        .put("deadline", content.deadline() == null ? null : content.deadline().toString());
  }

  static Set<String> codes(List<Tenant.Territory> territories) {
    Set<String> codes = new LinkedHashSet<>();
    territories.forEach(t -> codes.add(t.code()));
    return codes;
  }

  private static Problem missing(UUID id) {
    return Problem.notFound("Aucun appel à projets « " + id + " » dans ce département.");
  }
}
