package fr.pacte.server.offer;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.organisations.OrganisationStore;
import fr.pacte.server.plugins.InstalledPlugin;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The offer catalogue and the needs it answers. Only the action types of the plugins a tenant has enabled ever
 * appear: the catalogue, the public page, the export and the needs view all go through {@link #actionTypes}.
 */
public final class OfferService {

  /** Where places go in a département that describes no territory. */
  public static final String WHOLE_DEPARTEMENT = "departement";

  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final PluginService plugins;
  private final AuditStore audit;
  private final OfferStore store = new OfferStore();
  private final NeedsStore needs = new NeedsStore();
  private final TenantStore territories = new TenantStore();
  private final OrganisationStore organisations = new OrganisationStore();

  public OfferService(TenantTransactions transactions, TenantService tenants, PluginService plugins, AuditStore audit) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.plugins = plugins;
    this.audit = audit;
  }

  /** What to look for; null fields match anything. */
  public record Filter(String territory, String thematique, String publicCode, String actionType, Integer minLeft,
                       boolean currentOnly, String organisation) {

    public static Filter none() {
      return new Filter(null, null, null, null, null, false, null);
    }
  }

  /** The needs of one call, row by row, beside the offer. */
  public record CallGaps(String call, String title, List<String> notes, List<NeedGap> rows) {

    public JsonObject toJson() {
      return new JsonObject().put("call", call).put("title", title).put("notes", new JsonArray(notes))
          .put("rows", new JsonArray(rows.stream().map(NeedGap::toJson).toList()));
    }
  }

  /** The action types of the plugins enabled (and serving) for the tenant, by code. */
  public Map<String, ActionTypeDescriptor> actionTypes(String tenant) {
    Map<String, ActionTypeDescriptor> types = new LinkedHashMap<>();
    for (InstalledPlugin plugin : plugins.servingFor(tenant)) {
      plugin.actionTypes().forEach(type -> types.put(type.code(), type));
    }
    return types;
  }

  /** The territories places may be given for: the tenant's, or the whole département when it has none. */
  public Future<List<Tenant.Territory>> placeTerritories(String tenant) {
    return tenants.territories(tenant).map(OfferService::orWholeDepartement);
  }

  public Future<Set<String>> placeTerritoryCodes(String tenant) {
    return placeTerritories(tenant).map(list -> {
      Set<String> codes = new LinkedHashSet<>();
      list.forEach(t -> codes.add(t.code()));
      return codes;
    });
  }

  public Future<List<OfferItem>> search(RequestContext context, Filter filter) {
    return transactions.inTenant(context.tenant(), connection -> search(connection, context, filter));
  }

  /** What a list page shows: the territories places may be given for and the items matching, in one transaction. */
  public record Listing(List<Tenant.Territory> territories, List<OfferItem> items) {
  }

  public Future<Listing> listing(RequestContext context, Filter filter) {
    return transactions.inTenant(context.tenant(), connection -> placeTerritories(connection)
        .compose(places -> search(connection, context, filter).map(items -> new Listing(places, items))));
  }

  /** What the data·inclusion export describes: the current items, the organisations and the territories. */
  public record Published(List<OfferItem> items, List<Organisation> organisations, List<Tenant.Territory> territories) {
  }

  /** The current offer as published, read in one transaction. */
  public Future<Published> published(RequestContext context) {
    Filter current = new Filter(null, null, null, null, null, true, null);
    return transactions.inTenant(context.tenant(), connection -> search(connection, context, current)
        .compose(items -> organisations.all(connection)
            .compose(list -> placeTerritories(connection).map(places -> new Published(items, list, places)))));
  }

  private Future<List<OfferItem>> search(SqlConnection connection, RequestContext context, Filter filter) {
    String tenant = context.tenant();
    List<String> types = new ArrayList<>(actionTypes(tenant).keySet());
    if (filter.actionType() != null) {
      types.retainAll(List.of(filter.actionType()));
    }
    OfferStore.Criteria criteria = new OfferStore.Criteria(types, filter.territory(), filter.thematique(), filter.publicCode(),
        filter.currentOnly() ? context.today() : null, filter.organisation());
    return store.search(connection, criteria)
        .map(items -> filter.minLeft() == null ? items
            : items.stream().filter(item -> item.left(filter.territory()) >= filter.minLeft()).toList());
  }

  private Future<List<Tenant.Territory>> placeTerritories(SqlConnection connection) {
    return territories.territories(connection).map(OfferService::orWholeDepartement);
  }

  private static List<Tenant.Territory> orWholeDepartement(List<Tenant.Territory> list) {
    return list.isEmpty()
        ? List.of(new Tenant.Territory("departement", WHOLE_DEPARTEMENT, "Tout le département", null, null)) : list;
  }

  public Future<OfferItem> get(String tenant, UUID id) {
    return transactions.inTenant(tenant, connection -> store.find(connection, id))
        .map(found -> found.filter(item -> actionTypes(tenant).containsKey(item.actionType()))
            .orElseThrow(() -> missing(id)));
  }

  public Future<OfferItem> create(RequestContext context, OfferItem item) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return transactions.inTenant(tenant, connection -> placesWithinCapacity(item)
        .compose(ok -> knownOrganisation(connection, item.organisationId()))
        .compose(ok -> knownProgrammeAction(connection, item.programmeAction()))
        .compose(ok -> store.insert(connection, tenant, item))
        .compose(id -> audit.record(connection, tenant, actor.audited(), "offer.created", "offer:" + id,
            summary(item).put("version", 1), requestId).map(id))
        .compose(id -> store.find(connection, id))
        .map(found -> found.orElseThrow()));
  }

  /** Changes an item if nobody changed it since {@code expectedVersion}; a stale edit is a 409 and changes nothing. */
  public Future<OfferItem> update(RequestContext context, UUID id, OfferItem item, int expectedVersion) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return transactions.inTenant(tenant, connection -> lockedAt(connection, tenant, id, expectedVersion)
        .compose(ok -> placesWithinCapacity(item))
        .compose(ok -> knownOrganisation(connection, item.organisationId()))
        .compose(ok -> knownProgrammeAction(connection, item.programmeAction()))
        .compose(ok -> store.update(connection, tenant, id, item))
        .compose(ok -> audit.record(connection, tenant, actor.audited(), "offer.updated", "offer:" + id,
            summary(item).put("version", expectedVersion + 1), requestId))
        .compose(ok -> store.find(connection, id))
        .map(found -> found.orElseThrow()));
  }

  public Future<Void> delete(RequestContext context, UUID id, int expectedVersion) {
    String tenant = context.tenant();
    Actor actor = context.actor();
    String requestId = context.requestId();
    return transactions.inTenant(tenant, connection -> lockedAt(connection, tenant, id, expectedVersion)
        .compose(ok -> store.delete(connection, id))
        .compose(ok -> audit.record(connection, tenant, actor.audited(), "offer.deleted", "offer:" + id,
            new JsonObject().put("version", expectedVersion), requestId)));
  }

  /** Every call's needs beside the current offer (items not yet ended), for the enabled action types only. */
  public Future<List<CallGaps>> gaps(RequestContext context) {
    String tenant = context.tenant();
    Map<String, ActionTypeDescriptor> types = actionTypes(tenant);
    return tenants.territories(tenant).compose(territories -> transactions.inTenant(tenant, connection ->
        needs.calls(connection).compose(calls -> needs.offered(connection, context.today()).map(offered -> {
          List<CallGaps> result = new ArrayList<>();
          for (NeedsStore.StoredCall call : calls) {
            List<NeedGap> rows = new ArrayList<>();
            for (NeedsStore.Target target : call.targets()) {
              ActionTypeDescriptor type = types.get(target.actionType());
              if (type == null) {
                continue;
              }
              NeedsStore.Offered places = offered.getOrDefault(target.actionType() + "|" + target.territory(),
                  new NeedsStore.Offered(target.actionType(), target.territory(), 0, 0));
              rows.add(new NeedGap(target.actionType(), type.label().fr(), target.label(), target.unit().name(),
                  type.capacity().label().fr(), target.territory(), territoryName(territories, target.territory()), target.target(),
                  places.capacity(), places.taken(), places.capacity() - target.target()));
            }
            result.add(new CallGaps(call.code(), call.title(), call.notes(), rows));
          }
          return result;
        }))));
  }

  /**
   * Replaces the needs of a call from its file of {@code tenants/<slug>/needs/}, within the seed's transaction. Every
   * territory it names must be one of the tenant's, else start-up stops naming the file and the territory.
   */
  public Future<Void> replaceNeedsFromFile(SqlConnection connection, String tenant, CallNeeds call, String hash,
                                           String displayName) {
    return tenants.territories(tenant).compose(known -> {
      Set<String> territories = new LinkedHashSet<>();
      known.forEach(t -> territories.add(t.code()));
      for (CallNeeds.Need need : call.needs()) {
        for (String code : need.byTerritory().keySet()) {
          if (!territories.contains(code)) {
            return Future.failedFuture(new YamlFileException(displayName, 1, "by_territory." + code,
                "un territoire de tenants/" + tenant + "/tenant.yaml (inconnu : « " + code + " »)"));
          }
        }
      }
      return needs.replace(connection, tenant, call, hash)
          .compose(ok -> audit.record(connection, tenant, Actor.system("fichier des besoins").audited(),
              "needs.loaded-from-file", "call:" + call.call(), new JsonObject().put("file", displayName)
                  .put("rows", call.needs().size()), null));
    });
  }

  private Future<Void> lockedAt(SqlConnection connection, String tenant, UUID id, int expectedVersion) {
    return store.lockVersion(connection, id).compose(version -> {
      if (version.isEmpty()) {
        return Future.failedFuture(missing(id));
      }
      if (version.get() != expectedVersion) {
        return Future.failedFuture(Problem.conflict("Cette offre a été modifiée entre-temps (version " + version.get()
            + ", vous aviez la version " + expectedVersion + "). Rechargez-la : vos changements n'ont pas été enregistrés."));
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> knownOrganisation(SqlConnection connection, String organisation) {
    return store.organisationExists(connection, organisation).compose(exists -> exists ? Future.<Void>succeededFuture()
        : Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("organisation",
            "Aucune organisation « " + organisation + " » dans ce département.")))));
  }

  /**
   * No territory may have more places occupied than funded. Checked once the item's version is known to be current, so
   * that a stale form is told so (409) first.
   */
  private static Future<Void> placesWithinCapacity(OfferItem item) {
    List<Problem.FieldError> errors = new ArrayList<>();
    for (OfferItem.Place place : item.places()) {
      if (place.taken() > place.capacity()) {
        errors.add(new Problem.FieldError("places." + place.territory() + ".taken", "Les places occupées ("
            + place.taken() + ") ne peuvent pas dépasser les places financées (" + place.capacity() + ")."));
      }
    }
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Problem.validation(errors));
  }

  /** The programme action an item serves, if it names one, must be an action of the tenant's programmes. */
  private Future<Void> knownProgrammeAction(SqlConnection connection, String reference) {
    if (reference == null || reference.isBlank()) {
      return Future.succeededFuture();
    }
    return store.programmeActionExists(connection, reference).compose(exists -> exists ? Future.<Void>succeededFuture()
        : Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("programmeAction",
            "Aucune action « " + reference.substring(reference.indexOf('/') + 1) + " » dans le programme « "
                + reference.substring(0, reference.indexOf('/')) + " » de ce département.")))));
  }

  private static JsonObject summary(OfferItem item) {
    return new JsonObject().put("actionType", item.actionType()).put("organisation", item.organisationId())
        .put("title", item.title()).put("capacity", item.capacity());
  }

  static String territoryName(List<Tenant.Territory> territories, String code) {
    return territories.stream().filter(t -> t.code().equals(code)).map(Tenant.Territory::name).findFirst()
        .orElse(WHOLE_DEPARTEMENT.equals(code) ? "Tout le département" : code);
  }

  private static Problem missing(UUID id) {
    return Problem.notFound("Aucune offre « " + id + " » dans ce département.");
  }
}
