package fr.pacte.server.referentials;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.referentials.NationalReferentials.Entry;
import fr.pacte.server.referentials.NationalReferentials.Kind;
import fr.pacte.server.referentials.ReferentialStore.StoredOverride;
import fr.pacte.server.referentials.TenantReferentials.Override;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantStore;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The référentiels of a tenant: national entries with the tenant's overrides merged in, overriding and returning to
 * the national value (versioned, audited), areas, and the tenant's file {@code referentiels.yaml} as seed, export and
 * import. Nothing here depends on which tenant it is: every difference is a row.
 */
public final class ReferentialService {

  private static final int MAX_LABEL = 300;

  private final TenantTransactions transactions;
  private final ReferentialStore store;
  private final TenantStore territories;
  private final AuditStore audit;
  private final NationalReferentials national;

  public ReferentialService(TenantTransactions transactions, ReferentialStore store, TenantStore territories,
                            AuditStore audit, NationalReferentials national) {
    this.transactions = transactions;
    this.store = store;
    this.territories = territories;
    this.audit = audit;
    this.national = national;
  }

  /** An entry as the tenant sees it: its own label if it overrides the national one. */
  public record EntryView(String kind, String code, String label, String description, String nationalLabel,
                          String nationalDescription, boolean overridden, int version, String changedBy,
                          OffsetDateTime changedAt) {

    public JsonObject toJson() {
      return new JsonObject().put("kind", kind).put("code", code).put("label", label).put("description", description)
          .put("nationalLabel", nationalLabel).put("nationalDescription", nationalDescription)
          .put("overridden", overridden).put("version", version).put("changedBy", changedBy)
          .put("changedAt", changedAt == null ? null : changedAt.toString());
    }
  }

  /** A référentiel with its entries as the tenant sees them. */
  public record KindView(String code, String label, String description, List<EntryView> entries) {

    public long overriddenCount() {
      return entries.stream().filter(EntryView::overridden).count();
    }

    public JsonObject toJson() {
      return new JsonObject().put("kind", code).put("label", label).put("description", description)
          .put("entries", new io.vertx.core.json.JsonArray(entries.stream().map(EntryView::toJson).toList()));
    }
  }

  public NationalReferentials national() {
    return national;
  }

  public Future<List<KindView>> list(String tenant) {
    return transactions.inTenant(tenant, store::overrides).map(overrides -> {
      Map<String, StoredOverride> byKey = byKey(overrides);
      return national.kinds().stream().map(kind -> view(kind, byKey)).toList();
    });
  }

  public Future<KindView> kind(String tenant, String kindCode) {
    Optional<Kind> known = national.kind(kindCode);
    if (known.isEmpty()) {
      return Future.failedFuture(unknownKind(kindCode));
    }
    Kind kind = known.get();
    return transactions.inTenant(tenant, store::overrides).map(overrides -> view(kind, byKey(overrides)));
  }

  public Future<EntryView> entry(String tenant, String kindCode, String code) {
    Optional<Problem> unknown = unknown(kindCode, code);
    if (unknown.isPresent()) {
      return Future.failedFuture(unknown.get());
    }
    Kind kind = knownKind(kindCode);
    return transactions.inTenant(tenant, store::overrides)
        .map(overrides -> view(kind, byKey(overrides)).entries().stream().filter(e -> e.code().equals(code)).findFirst().orElseThrow());
  }

  /** The tenant's labels of one référentiel by code, e.g. {@code vocabulary}: what pages print. */
  public Future<Map<String, String>> labels(String tenant, String kindCode) {
    return kind(tenant, kindCode).map(kind -> kind.entries().stream()
        .collect(Collectors.toMap(EntryView::code, EntryView::label, (a, b) -> a, LinkedHashMap::new)));
  }

  /**
   * Sets the tenant's label of an entry. {@code expectedVersion} is the version the caller read: 0 when the entry had
   * the national value. A stale version is a 409 and changes nothing.
   */
  public Future<EntryView> override(String tenant, String kindCode, String code, String label, String description,
                                    Integer expectedVersion, Actor actor, String requestId) {
    Optional<Problem> unknown = unknown(kindCode, code);
    if (unknown.isPresent()) {
      return Future.failedFuture(unknown.get());
    }
    Kind kind = knownKind(kindCode);
    Entry entry = knownEntry(kind, code);
    String cleanLabel = label == null ? "" : label.strip();
    String cleanDescription = description == null || description.isBlank() ? null : description.strip();
    List<Problem.FieldError> errors = new java.util.ArrayList<>();
    if (cleanLabel.isEmpty()) {
      errors.add(new Problem.FieldError("label", "Indiquez le libellé à employer dans le département."));
    } else if (cleanLabel.length() > MAX_LABEL) {
      errors.add(new Problem.FieldError("label", "Le libellé ne doit pas dépasser " + MAX_LABEL + " caractères."));
    }
    if (cleanDescription != null && cleanDescription.length() > 2000) {
      errors.add(new Problem.FieldError("description", "La description ne doit pas dépasser 2000 caractères."));
    }
    if (cleanLabel.length() <= MAX_LABEL) {
      fr.pacte.server.web.Fields.accept(cleanLabel, "label", MAX_LABEL, false, errors);
    }
    if (cleanDescription != null && cleanDescription.length() <= 2000) {
      fr.pacte.server.web.Fields.accept(cleanDescription, "description", 2000, true, errors);
    }
    if (expectedVersion == null || expectedVersion < 0) {
      errors.add(new Problem.FieldError("version", "Indiquez la version lue (0 si l'entrée a la valeur nationale)."));
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.validation(errors));
    }
    String who = actor.audited();
    return transactions.inTenant(tenant, connection -> (expectedVersion == 0
            ? store.insertOverride(connection, tenant, kindCode, code, cleanLabel, cleanDescription, who)
            : store.updateOverride(connection, kindCode, code, cleanLabel, cleanDescription, who, expectedVersion))
        .compose(saved -> saved.isEmpty()
            ? Future.failedFuture(stale(entry))
            : audit.record(connection, tenant, who, "referential.overridden", target(kindCode, code), new JsonObject()
                .put("label", cleanLabel).put("nationalLabel", entry.label()).put("version", saved.get()), requestId)))
        .compose(done -> entry(tenant, kindCode, code));
  }

  /** Removes the tenant's label: the national value applies again. */
  public Future<EntryView> reset(String tenant, String kindCode, String code, Integer expectedVersion, Actor actor,
                                 String requestId) {
    Optional<Problem> unknown = unknown(kindCode, code);
    if (unknown.isPresent()) {
      return Future.failedFuture(unknown.get());
    }
    Kind kind = knownKind(kindCode);
    Entry entry = knownEntry(kind, code);
    if (expectedVersion == null || expectedVersion < 1) {
      return Future.failedFuture(Problem.validation(List.of(new Problem.FieldError("version",
          "Indiquez la version lue de la valeur du département."))));
    }
    return transactions.inTenant(tenant, connection -> store.deleteOverride(connection, kindCode, code, expectedVersion)
            .compose(removed -> removed.isEmpty()
                ? Future.failedFuture(stale(entry))
                : audit.record(connection, tenant, actor.audited(), "referential.reset", target(kindCode, code),
                    new JsonObject().put("removedLabel", removed.get()).put("nationalLabel", entry.label()), requestId)))
        .compose(done -> entry(tenant, kindCode, code));
  }

  public Future<List<Tenant.Territory>> territories(String tenant) {
    return transactions.inTenant(tenant, territories::territories);
  }

  public Future<List<TenantReferentials.Area>> areas(String tenant) {
    return transactions.inTenant(tenant, store::areas);
  }

  /** What {@code referentiels.yaml} would hold for the tenant now. */
  public Future<TenantReferentials> export(String tenant) {
    return transactions.inTenant(tenant, connection -> store.overrides(connection)
        .compose(overrides -> store.areas(connection).map(areas -> new TenantReferentials(
            national.kinds().stream().flatMap(kind -> overrides.stream().filter(o -> o.kind().equals(kind.code()))
                    .sorted(java.util.Comparator.comparingInt(o -> position(kind, o.code()))))
                .map(o -> new Override(o.kind(), o.code(), o.label(), o.description())).toList(),
            areas))));
  }

  /** Replaces the tenant's référentiels inside a transaction the caller holds (import: all files or none). */
  public Future<Void> replace(SqlConnection connection, String tenant, TenantReferentials referentials, Actor actor,
                              String action, String requestId) {
    return store.replaceAll(connection, tenant, referentials, actor.audited())
        .compose(done -> audit.record(connection, tenant, actor.audited(), action, "referentials:" + tenant,
            new JsonObject().put("overrides", referentials.overrides().size()).put("areas", referentials.areas().size()),
            requestId));
  }

  /** Replaces a tenant's référentiels with those of its seed file, within the seed's transaction. */
  public Future<Void> replaceFromFile(SqlConnection connection, String tenant, TenantReferentials referentials,
                                      String displayName) {
    return replace(connection, tenant, referentials, Actor.system(displayName), "referentials.loaded-from-file", null);
  }

  private Kind knownKind(String code) {
    return national.kind(code).orElseThrow(() -> unknownKind(code));
  }

  /** Why a kind and code name no national entry, if they do not. */
  private Optional<Problem> unknown(String kindCode, String code) {
    Optional<Kind> kind = national.kind(kindCode);
    if (kind.isEmpty()) {
      return Optional.of(unknownKind(kindCode));
    }
    return kind.get().entry(code).isPresent() ? Optional.empty() : Optional.of(Problem.notFound("Aucune entrée « "
        + code + " » dans le référentiel « " + kind.get().label() + " »."));
  }

  private static Problem unknownKind(String code) {
    return Problem.notFound("Aucun référentiel « " + code + " ».");
  }

  private static Entry knownEntry(Kind kind, String code) {
    return kind.entry(code).orElseThrow(() -> Problem.notFound("Aucune entrée « " + code + " » dans le référentiel « "
        + kind.label() + " »."));
  }

  private static Problem stale(Entry entry) {
    return Problem.conflict("L'entrée « " + entry.label() + " » a été modifiée par quelqu'un d'autre depuis votre lecture ;"
        + " rien n'a été enregistré. Rechargez-la pour voir sa valeur actuelle.");
  }

  private static String target(String kind, String code) {
    return "referential:" + kind + "/" + code;
  }

  private static int position(Kind kind, String code) {
    for (int i = 0; i < kind.entries().size(); i++) {
      if (kind.entries().get(i).code().equals(code)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static Map<String, StoredOverride> byKey(List<StoredOverride> overrides) {
    Map<String, StoredOverride> map = new LinkedHashMap<>();
    overrides.forEach(o -> map.put(o.kind() + "/" + o.code(), o));
    return map;
  }

  private static KindView view(Kind kind, Map<String, StoredOverride> overrides) {
    return new KindView(kind.code(), kind.label(), kind.description(), kind.entries().stream().map(entry -> {
      StoredOverride override = overrides.get(kind.code() + "/" + entry.code());
      return override == null
          ? new EntryView(kind.code(), entry.code(), entry.label(), entry.description(), entry.label(),
              entry.description(), false, 0, null, null)
          : new EntryView(kind.code(), entry.code(), override.label(),
              override.description() == null ? entry.description() : override.description(), entry.label(),
              entry.description(), true, override.version(), override.changedBy(), override.changedAt());
    }).toList());
  }
}
