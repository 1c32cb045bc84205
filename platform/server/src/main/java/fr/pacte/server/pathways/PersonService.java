package fr.pacte.server.pathways;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.identity.Permission;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * People and their personal data: creation with possible duplicates shown first, reads limited to the caller's
 * reach and each logged (who, when, which people, from which route), the export of a person's data, pseudonymisation
 * on request and, a configurable time after the last exit, by the retention job.
 */
public final class PersonService {

  /** Months a person's data is kept after their last exit when the tenant has set nothing. */
  public static final int DEFAULT_RETENTION_MONTHS = 24;
  private static final int LIST_LIMIT = 200;

  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final AuditStore audit;
  private final PersonStore store = new PersonStore();
  private final ProgressStore progress = new ProgressStore();
  private final OrientationStore orientations = new OrientationStore();

  public PersonService(TenantTransactions transactions, TenantService tenants, AuditStore audit) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.audit = audit;
  }

  PersonStore store() {
    return store;
  }

  /** The tenant's territoires d'action sociale, where people live. */
  public Future<List<Tenant.Territory>> territories(String tenant) {
    return tenants.territories(tenant).map(list -> list.stream()
        .filter(t -> t.layer().equals("territoire-action-sociale")).toList());
  }

  public Future<Set<String>> territoryCodes(String tenant) {
    return territories(tenant).map(list -> list.stream().map(Tenant.Territory::code)
        .collect(Collectors.toCollection(LinkedHashSet::new)));
  }

  /** The caller as the référent of the people they enter, when they are a référent. */
  public static Person.Details referentOf(RequestContext context) {
    Reach reach = Reach.of(context);
    if (reach.referent() == null) {
      return null;
    }
    return new Person.Details(null, null, null, null, null, null, null, false, null, null, reach.referent(),
        context.principal().displayName(), null, null, null, null);
  }

  /** The result of a creation: the person, or the possible duplicates the caller has not confirmed past. */
  public record Created(Person person, List<Person> duplicates) {
  }

  /**
   * Creates a person; if people with the same names and birth date exist and the caller did not confirm, nothing is
   * written and they are returned instead.
   */
  public Future<Created> create(RequestContext context, PersonInput.Parsed input) {
    return transactions.inTenant(context.tenant(), connection -> create(connection, context, input));
  }

  /**
   * Creates a person in the caller's transaction, so that a larger change (a confirmed self-positioning) commits
   * the person and what follows together or not at all.
   */
  Future<Created> create(io.vertx.sqlclient.SqlConnection connection, RequestContext context, PersonInput.Parsed input) {
    String tenant = context.tenant();
    Person.Details d = input.details();
    Reach reach = Reach.of(context);
    if (reach.territories() != null && !reach.territories().contains(d.territory())) {
      return Future.failedFuture(PersonInput.invalid("territory", "Le territoire « " + d.territory()
          + " » est en dehors de votre périmètre."));
    }
    return store.duplicates(connection, d.familyName(), d.birthDate())
        .compose(duplicates -> {
          List<Person> same = duplicates.stream().filter(p -> p.details().firstNames().equalsIgnoreCase(d.firstNames())
              || d.firstNames().isEmpty() || p.details().firstNames().isEmpty()).toList();
          if (!same.isEmpty() && !input.confirmDuplicates()) {
            return logRead(connection, context, "POST /api/tenants/{tenant}/persons", "list", same)
                .map(new Created(null, same));
          }
          return store.insert(connection, tenant, d)
              .compose(id -> audit.record(connection, tenant, context.actor().audited(), "person.created", "person:" + id,
                  new JsonObject().put("territory", d.territory()).put("duplicatesConfirmed", !same.isEmpty()),
                  context.requestId()).map(id))
              .compose(id -> store.findAny(connection, id)).map(p -> new Created(p.orElseThrow(), List.of()));
        });
  }

  /** Changes a person's data if nobody changed it since {@code version}. */
  public Future<Person> update(RequestContext context, UUID id, Person.Details d, int version, String route) {
    String tenant = context.tenant();
    Reach reach = Reach.of(context);
    return transactions.inTenant(tenant, connection -> store.find(connection, reach, id)
        .compose(found -> {
          Person current = found.orElseThrow(() -> missing(id));
          if (current.pseudonymised()) {
            return Future.failedFuture(Problem.conflict("Les données de cette personne ont été pseudonymisées : elles ne se modifient plus."));
          }
          return store.lockVersion(connection, id);
        })
        .compose(locked -> {
          if (locked.orElseThrow() != version) {
            return Future.failedFuture(Problem.conflict("Cette fiche a été modifiée entre-temps (version " + locked.get()
                + ", vous aviez la version " + version + "). Rechargez-la : rien n'a été enregistré."));
          }
          return store.update(connection, id, d);
        })
        .compose(done -> audit.record(connection, tenant, context.actor().audited(), "person.updated", "person:" + id,
            new JsonObject().put("version", version + 1), context.requestId()))
        .compose(done -> store.findAny(connection, id)).map(p -> p.orElseThrow()));
  }

  /** A person in the caller's reach; the read is logged with the route it came from. */
  public Future<Person> get(RequestContext context, UUID id, String route) {
    Reach reach = Reach.of(context);
    return transactions.inTenant(context.tenant(), connection -> store.find(connection, reach, id).compose(found -> {
      Person person = found.orElseThrow(() -> missing(id));
      return logRead(connection, context, route, "person", List.of(person)).map(person);
    }));
  }

  /** The people in the caller's reach (by name prefix); the read of the list is logged. */
  public Future<List<Person>> list(RequestContext context, String namePrefix, String route) {
    Reach reach = Reach.of(context);
    return transactions.inTenant(context.tenant(), connection -> store.search(connection, reach, namePrefix, LIST_LIMIT)
        .compose(found -> logRead(connection, context, route, "list", found).map(found)));
  }

  /** The most people one export of a list holds. */
  static final int EXPORT_LIMIT = 50_000;

  /**
   * The people in the caller's reach for an export of the list. Pseudonymised unless {@code reason} is given: then the
   * caller's role must allow identified exports ({@link Permission#EXPORT_IDENTIFIED_PEOPLE}) and the reason, stated
   * in at least 10 characters, goes to the audit trail with the number of people. Either way the read is logged.
   */
  public Future<List<Person>> exportList(RequestContext context, String namePrefix, String reason, String route) {
    Reach reach = Reach.of(context);
    String tenant = context.tenant();
    if (reason != null) {
      if (!context.holds(Permission.EXPORT_IDENTIFIED_PEOPLE)) {
        return Future.failedFuture(Problem.forbidden("Votre rôle ne permet d'exporter la liste des personnes que pseudonymisée."));
      }
      if (reason.length() < 10 || reason.length() > 500) {
        return Future.failedFuture(PersonInput.invalid("reason",
            "Indiquez pourquoi vous avez besoin des noms (10 à 500 caractères) : le motif est enregistré au journal d'audit."));
      }
    }
    return transactions.inTenant(tenant, connection -> store.search(connection, reach, namePrefix, EXPORT_LIMIT)
        .compose(found -> logRead(connection, context, route, "list", found)
            .compose(done -> reason == null ? Future.succeededFuture()
                : audit.record(connection, tenant, context.actor().audited(), "persons.exported-identified", "persons",
                    new JsonObject().put("reason", reason).put("count", found.size()).put("route", route), context.requestId()))
            .map(found)));
  }

  /** Whether the tenant keeps anyone (a check that reads no one's data, so logs nothing). */
  public Future<Boolean> hasPeople(String tenant) {
    return transactions.inTenant(tenant, store::any);
  }

  /** The reads of personal data, most recent first, for one person or all; tenant administrator and auditor. */
  public Future<List<PersonStore.Read>> reads(RequestContext context, UUID person, int limit) {
    return transactions.inTenant(context.tenant(), connection -> store.reads(connection, person, limit));
  }

  /**
   * Everything kept about a person (their right of access): identity, orientations with their follow-up, workshops
   * attended and the reads of their data. The export is itself logged and audited.
   */
  public Future<JsonObject> export(RequestContext context, UUID id, String route) {
    Reach reach = Reach.of(context);
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> store.find(connection, reach, id).compose(found -> {
      Person person = found.orElseThrow(() -> missing(id));
      return logRead(connection, context, route, "export", List.of(person))
          .compose(done -> audit.record(connection, tenant, context.actor().audited(), "person.exported", "person:" + id,
              new JsonObject(), context.requestId()))
          .compose(done -> orientations.ofPerson(connection, id))
          .compose(list -> orientations.attendanceOf(connection, id).compose(attendance -> evaluations(connection, list)
              .compose(evaluations -> store.reads(connection, id, 1000)
              .map(reads -> new JsonObject()
                  .put("exportedAt", context.clock().instant().toString())
                  .put("tenant", tenant)
                  .put("tenantName", tenants.find(tenant).map(TenantSummary::displayName).orElse(tenant))
                  .put("evaluations", evaluations)
                  .put("person", person.toJson())
                  .put("orientations", new JsonArray(list.stream().map(o -> o.toJson(context.today())).toList()))
                  .put("workshops", attendance)
                  .put("reads", new JsonArray(reads.stream().map(PersonStore.Read::toJson).toList()))))));
    }));
  }

  /** The progress grids and satisfaction questionnaire of each participation, for the person's export. */
  private Future<JsonArray> evaluations(io.vertx.sqlclient.SqlConnection connection, List<Orientation> list) {
    JsonArray all = new JsonArray();
    Future<Void> chain = Future.succeededFuture();
    for (Orientation o : list) {
      chain = chain.compose(done -> progress.ofOrientation(connection, o.id()).compose(grids -> progress.satisfaction(connection, o.id())
          .map(satisfaction -> {
            if (!grids.isEmpty() || satisfaction.isPresent()) {
              all.add(new JsonObject().put("orientation", o.id().toString()).put("offerTitle", o.offerTitle())
                  .put("assessments", new JsonArray(grids.stream().map(ProgressStore.Assessment::toJson).toList()))
                  .put("satisfaction", satisfaction.map(ProgressStore.Satisfaction::toJson).orElse(null)));
            }
            return null;
          })));
    }
    return chain.map(all);
  }

  /** Pseudonymises a person on request (right to erasure where the law allows), with the reason in the audit trail. */
  public Future<Person> pseudonymise(RequestContext context, UUID id, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      return Future.failedFuture(PersonInput.invalid("reason", "Indiquez le motif de la pseudonymisation (500 caractères au plus)."));
    }
    String tenant = context.tenant();
    Reach reach = Reach.of(context);
    return transactions.inTenant(tenant, connection -> store.find(connection, reach, id)
        .compose(found -> {
          found.orElseThrow(() -> missing(id));
          return store.pseudonymise(connection, id, context.clock().instant());
        })
        .compose(changed -> changed ? audit.record(connection, tenant, context.actor().audited(), "person.pseudonymised",
            "person:" + id, new JsonObject().put("reason", reason).put("onRequest", true), context.requestId())
            : Future.failedFuture(Problem.conflict("Les données de cette personne sont déjà pseudonymisées.")))
        .compose(done -> store.findAny(connection, id)).map(p -> p.orElseThrow()));
  }

  public Future<Integer> retentionMonths(String tenant) {
    return transactions.inTenant(tenant, connection -> store.retentionMonths(connection, DEFAULT_RETENTION_MONTHS));
  }

  public Future<Integer> setRetentionMonths(RequestContext context, int months) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> store.setRetentionMonths(connection, tenant, months)
        .compose(done -> audit.record(connection, tenant, context.actor().audited(), "pathways.retention-set",
            "tenant:" + tenant, new JsonObject().put("months", months), context.requestId()))
        .map(months));
  }

  /**
   * Pseudonymises, in every tenant, the people whose last exit is older than the tenant's retention. Each node runs
   * it; the per-tenant advisory lock lets one node do a tenant's work. Returns how many people were pseudonymised.
   */
  public Future<Integer> applyRetention(Instant now) {
    List<Future<Integer>> perTenant = new ArrayList<>();
    for (TenantSummary tenant : tenants.all()) {
      String slug = tenant.slug();
      LocalDate today = LocalDate.ofInstant(now, tenants.zone(slug));
      perTenant.add(transactions.inTenant(slug, connection -> store.retentionLock(connection, slug).compose(locked -> {
        if (!locked) {
          return Future.succeededFuture(0);
        }
        return store.retentionMonths(connection, DEFAULT_RETENTION_MONTHS)
            .compose(months -> store.dueForPseudonymisation(connection, today.minusMonths(months)).compose(ids -> {
              Future<Integer> chain = Future.succeededFuture(0);
              for (UUID id : ids) {
                chain = chain.compose(count -> store.pseudonymise(connection, id, now)
                    .compose(done -> audit.record(connection, slug, Actor.system("durée de conservation").audited(),
                        "person.pseudonymised", "person:" + id, new JsonObject().put("retentionMonths", months)
                            .put("onRequest", false), null))
                    .map(count + 1));
              }
              return chain;
            }));
      })));
    }
    return Future.all(perTenant).map(all -> perTenant.stream().mapToInt(Future::result).sum());
  }

  private Future<Void> logRead(io.vertx.sqlclient.SqlConnection connection, RequestContext context, String route,
                               String kind, List<Person> people) {
    String actor = context.principal() == null ? context.actor().audited() : context.principal().username();
    String name = context.principal() == null ? context.actor().audited() : context.principal().displayName();
    return store.logRead(connection, context.tenant(), actor, name, route, kind,
        people.stream().map(Person::id).toList(), context.requestId());
  }

  static Problem missing(UUID id) {
    return Problem.notFound("Aucune personne « " + id + " » dans votre périmètre.");
  }
}
