package fr.pacte.server.indicators;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.CapacityUnit;
import fr.pacte.api.IndicatorComputation;
import fr.pacte.api.IndicatorComputation.Kind;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.ClusterSignals;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.offer.OfferService;
import fr.pacte.server.pathways.Reach;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Indicators and dashboards, read from the monthly facts, narrowed to the caller's reach: a territory agent sees
 * their territories, an operator its own organisation, the département's staff the whole tenant.
 */
public final class IndicatorService {

  private static final String CONVENTION = """
      SELECT action_type, organisation_id, offer_id FROM platform.convention WHERE tenant_id = $1 AND id = $2""";

  private final TenantTransactions transactions;
  /** Where dashboards and indicators are computed: a replica when one is configured. */
  private final TenantTransactions reads;
  private final OfferService offer;
  private final ReferentialService referentials;
  private final TenantService tenants;
  private final AuditStore audit;
  private final FactStore store = new FactStore();

  public IndicatorService(TenantTransactions transactions, TenantTransactions reads, OfferService offer,
                          ReferentialService referentials, TenantService tenants, AuditStore audit) {
    this.transactions = transactions;
    this.reads = reads;
    this.offer = offer;
    this.referentials = referentials;
    this.tenants = tenants;
    this.audit = audit;
  }

  /** One action type's indicators for the filter. */
  record TypeIndicators(String code, String label, String unitLabel, List<IndicatorValue> indicators) {
  }

  /**
   * One indicator: its value (null when entered and not yet entered), its target (null without one) and where each
   * comes from, in French.
   */
  record IndicatorValue(IndicatorDefinition definition, BigDecimal value, String source, BigDecimal target,
                        String targetSource) {

    JsonObject toJson() {
      IndicatorComputation how = definition.computation();
      return new JsonObject().put("code", definition.code()).put("label", definition.label().fr())
          .put("unit", definition.unit()).put("computation", how.kind().name())
          .put("value", value == null ? null : value.toPlainString()).put("source", source)
          .put("target", target == null ? null : target.toPlainString()).put("targetSource", targetSource);
    }
  }

  /** The tenant's action types (enabled modules), by code. */
  Map<String, ActionTypeDescriptor> actionTypes(String tenant) {
    return offer.actionTypes(tenant);
  }

  Future<Map<String, String>> territoryNames(String tenant) {
    return tenants.territories(tenant).map(list -> {
      Map<String, String> names = new LinkedHashMap<>();
      list.forEach(t -> names.putIfAbsent(t.code(), t.name()));
      return names;
    });
  }

  /** The tenant's operators (id → name), for the filters of the département's staff. */
  Future<Map<String, String>> operators(String tenant) {
    return reads.inTenant(tenant, connection -> store.operators(connection, tenant));
  }

  Future<Map<String, String>> exitTypeLabels(String tenant) {
    return referentials.labels(tenant, "exit-types");
  }

  public Future<Dashboard> dashboard(RequestContext context, IndicatorFilter filter) {
    Map<String, ActionTypeDescriptor> types = actionTypes(context.tenant());
    Set<String> peopleTypes = new LinkedHashSet<>();
    types.forEach((code, type) -> {
      if (type.capacityUnit() == CapacityUnit.PEOPLE_IN_FILE_ACTIVE) {
        peopleTypes.add(code);
      }
    });
    String tenant = context.tenant();
    return territoryNames(tenant).compose(names -> exitTypeLabels(tenant).compose(exitLabels ->
        reads.inTenant(tenant, connection -> narrowing(connection, context, filter, types).compose(narrowing ->
            store.months(connection, tenant, narrowing, filter.to())
                .compose(months -> store.exits(connection, tenant, narrowing, filter.to())
                .compose(exits -> store.places(connection, tenant, narrowing)
                .compose(places -> store.objectives(connection, tenant, narrowing)
                .compose(objectives -> store.fileByTerritory(connection, tenant, narrowing, filter.to())
                .compose(files -> store.needs(connection, tenant, narrowing)
                .map(needs -> build(filter, peopleTypes, names, exitLabels, months, exits, places, objectives, files,
                    needs)))))))))));
  }

  private static Dashboard build(IndicatorFilter filter, Set<String> peopleTypes, Map<String, String> names,
                                 Map<String, String> exitLabels, List<FactStore.Month> months,
                                 List<FactStore.ExitCount> exits, List<FactStore.Places> places,
                                 List<FactStore.Objective> objectives, List<FactStore.FileActive> files,
                                 List<FactStore.Need> needs) {
    int file = 0;
    int peopleFile = 0;
    int waiting = 0;
    Map<YearMonth, int[]> byMonth = new TreeMap<>();
    for (FactStore.Month m : months) {
      boolean people = peopleTypes.contains(m.actionType());
      if (m.month().isBefore(filter.from())) {
        file += m.entries() - m.exits();
        peopleFile += people ? m.entries() - m.exits() : 0;
        waiting += m.waitingJoined() - m.waitingLeft();
      } else {
        int[] sums = byMonth.computeIfAbsent(m.month(), k -> new int[12]);
        sums[0] += m.entries();
        sums[1] += m.exits();
        sums[2] += m.orientations();
        sums[3] += m.sessions();
        sums[4] += m.registered();
        sums[5] += m.present();
        sums[6] += m.absent();
        sums[7] += m.excused();
        sums[8] += people ? m.entries() - m.exits() : 0;
        sums[9] += m.waitingJoined();
        sums[10] += m.waitingLeft();
      }
    }
    List<Dashboard.MonthFigures> figures = new ArrayList<>();
    for (YearMonth month : filter.months()) {
      int[] s = byMonth.getOrDefault(month, new int[12]);
      int start = file;
      file += s[0] - s[1];
      peopleFile += s[8];
      waiting += s[9] - s[10];
      int monthPlaces = places.stream().filter(p -> peopleTypes.contains(p.actionType()) && p.covers(month))
          .mapToInt(FactStore.Places::capacity).sum();
      List<FactStore.Objective> due = objectives.stream()
          .filter(o -> peopleTypes.contains(o.actionType()) && o.covers(month)).toList();
      Integer objective = due.isEmpty() ? null : due.stream().mapToInt(FactStore.Objective::target).sum();
      figures.add(new Dashboard.MonthFigures(month, start, s[0], s[1], file, s[2], s[3], s[4], s[5], s[6], s[7], peopleFile,
          monthPlaces, objective, Dashboard.percent(peopleFile, monthPlaces), s[9], s[10], waiting));
    }
    Map<YearMonth, Map<String, Integer>> exitsByMonth = new TreeMap<>();
    Map<String, String> exitTypes = new LinkedHashMap<>();
    for (FactStore.ExitCount e : exits) {
      if (!e.month().isBefore(filter.from())) {
        exitsByMonth.computeIfAbsent(e.month(), k -> new LinkedHashMap<>()).merge(e.exitType(), e.exits(), Integer::sum);
        exitTypes.putIfAbsent(e.exitType(), exitLabels.getOrDefault(e.exitType(), "Type de sortie non précisé"));
      }
    }
    List<Dashboard.ExitMonth> exitMonths = new ArrayList<>();
    for (YearMonth month : filter.months()) {
      exitMonths.add(new Dashboard.ExitMonth(month, exitsByMonth.getOrDefault(month, Map.of())));
    }
    Map<String, int[]> byTerritory = new TreeMap<>();
    needs.stream().filter(n -> peopleTypes.contains(n.actionType()))
        .forEach(n -> byTerritory.computeIfAbsent(n.territory(), k -> new int[3])[0] += n.target());
    places.stream().filter(p -> peopleTypes.contains(p.actionType()) && p.covers(filter.to()))
        .forEach(p -> byTerritory.computeIfAbsent(p.territory(), k -> new int[3])[1] += p.capacity());
    files.stream().filter(f -> peopleTypes.contains(f.actionType()))
        .forEach(f -> byTerritory.computeIfAbsent(f.territory(), k -> new int[3])[2] += f.count());
    List<Dashboard.TerritoryFigures> territories = new ArrayList<>();
    byTerritory.forEach((code, s) -> territories.add(new Dashboard.TerritoryFigures(code, names.getOrDefault(code, code),
        s[0], s[1], s[2], Dashboard.percent(s[2], s[1]))));
    territories.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
    return new Dashboard(filter, figures, exitTypes, exitMonths, territories, waiting);
  }

  /** Every action type's indicators (or the filter's one), computed for the filter. */
  public Future<List<TypeIndicators>> indicators(RequestContext context, IndicatorFilter filter) {
    Map<String, ActionTypeDescriptor> types = actionTypes(context.tenant());
    String tenant = context.tenant();
    return reads.inTenant(tenant, connection -> narrowing(connection, context, filter, types).compose(narrowing ->
        store.months(connection, tenant, narrowing, filter.to())
            .compose(months -> store.objectives(connection, tenant, narrowing)
            .compose(objectives -> store.entries(connection, tenant, null, filter.start(), filter.end(),
                filter.territory() == null ? null : List.of(filter.territory()))
            .compose(entries -> {
              Future<List<TypeIndicators>> all = Future.succeededFuture(new ArrayList<>());
              for (String code : narrowing.actionTypes()) {
                ActionTypeDescriptor type = types.get(code);
                if (type == null) {
                  continue;
                }
                FactStore.Narrowing one = new FactStore.Narrowing(List.of(code), narrowing.territories(),
                    narrowing.organisation(), narrowing.offers());
                all = all.compose(list -> typeIndicators(connection, tenant, filter, one, type, months, objectives, entries)
                    .map(computed -> {
                      list.add(computed);
                      return list;
                    }));
              }
              return all;
            })))));
  }

  private Future<TypeIndicators> typeIndicators(SqlConnection connection, String tenant, IndicatorFilter filter,
                                                FactStore.Narrowing narrowing, ActionTypeDescriptor type,
                                                List<FactStore.Month> allMonths, List<FactStore.Objective> objectives,
                                                List<FactStore.Entry> entries) {
    long[] sums = new long[8];
    for (FactStore.Month m : allMonths) {
      if (!m.actionType().equals(type.code())) {
        continue;
      }
      if (m.month().isBefore(filter.from())) {
        sums[0] += m.entries() - m.exits();
      } else {
        sums[1] += m.orientations();
        sums[2] += m.entries();
        sums[3] += m.exits();
        sums[4] += m.exitDays();
        sums[5] += m.sessions();
        sums[6] += m.present();
      }
    }
    int objective = objectives.stream().filter(o -> o.actionType().equals(type.code()) && o.covers(filter.to()))
        .mapToInt(FactStore.Objective::target).sum();
    boolean anyObjective = objectives.stream().anyMatch(o -> o.actionType().equals(type.code()) && o.covers(filter.to()));
    Future<List<IndicatorValue>> values = Future.succeededFuture(new ArrayList<>());
    for (IndicatorDefinition definition : type.indicators()) {
      IndicatorComputation how = definition.computation();
      Future<BigDecimal> value = switch (how.kind()) {
        case ORIENTATIONS -> Future.succeededFuture(BigDecimal.valueOf(sums[1]));
        case ENTRIES -> Future.succeededFuture(BigDecimal.valueOf(sums[2]));
        case PEOPLE_FOLLOWED -> Future.succeededFuture(BigDecimal.valueOf(sums[0] + sums[2]));
        case EXITS -> how.fields().isEmpty() ? Future.succeededFuture(BigDecimal.valueOf(sums[3]))
            : store.exits(connection, tenant, narrowing, filter.to()).map(list -> BigDecimal.valueOf(list.stream()
                .filter(e -> !e.month().isBefore(filter.from()) && e.exitType().equals(how.fields().get(0)))
                .mapToLong(FactStore.ExitCount::exits).sum()));
        case MEAN_DURATION_DAYS -> Future.succeededFuture(ratio(sums[4], sums[3]));
        case WORKSHOP_SESSIONS -> Future.succeededFuture(BigDecimal.valueOf(sums[5]));
        case PARTICIPANTS_PER_SESSION -> Future.succeededFuture(ratio(sums[6], sums[5]));
        case SESSIONS_PER_PARTICIPANT -> store.attendance(connection, tenant, narrowing, filter.start(), filter.end())
            .map(a -> ratio(a[0], a[1]));
        case FIELD_TRUE, FIELD_EQUALS, FIELD_CHOICES, FIELD_SUM ->
            store.fieldCount(connection, tenant, narrowing, filter.start(), filter.end(), how);
        case ENTERED -> Future.succeededFuture(entered(entries, type.code(), definition.code(), filter, true));
      };
      BigDecimal enteredTarget = entered(entries, type.code(), definition.code(), filter, false);
      BigDecimal target = enteredTarget;
      String targetSource = enteredTarget == null ? null : sources(entries, type.code(), definition.code(), filter, false);
      if (target == null && anyObjective && (how.kind() == Kind.PEOPLE_FOLLOWED && type.capacityUnit() == CapacityUnit.PEOPLE_IN_FILE_ACTIVE
          || how.kind() == Kind.WORKSHOP_SESSIONS && type.capacityUnit() == CapacityUnit.WORKSHOPS_PER_YEAR)) {
        target = BigDecimal.valueOf(objective);
        targetSource = "Objectifs des conventions pour l'année en cours à la fin de la période";
      }
      BigDecimal finalTarget = target;
      String finalTargetSource = targetSource;
      values = values.compose(list -> value.map(v -> {
        String source = how.kind() == Kind.ENTERED
            ? (v == null ? "À saisir par le service du programme" : sources(entries, type.code(), definition.code(), filter, true))
            : describe(how);
        list.add(new IndicatorValue(definition, v, source, finalTarget, finalTargetSource));
        return list;
      }));
    }
    return values.map(list -> new TypeIndicators(type.code(), type.label().fr(), type.capacity().label().fr(), list));
  }

  private static BigDecimal ratio(long part, long whole) {
    return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
  }

  /** Values (or targets) entered within the period for the filter's territory, or for the whole département. */
  private static List<FactStore.Entry> matching(List<FactStore.Entry> entries, String subject, String indicator,
                                                IndicatorFilter filter, boolean values) {
    List<FactStore.Entry> found = entries.stream().filter(e -> e.subject().equals(subject) && e.indicator().equals(indicator)
        && (values ? e.value() != null : e.target() != null)).toList();
    if (filter.territory() != null) {
      return found;
    }
    List<FactStore.Entry> whole = found.stream().filter(e -> e.territory() == null).toList();
    return whole.isEmpty() ? found : whole;
  }

  static BigDecimal entered(List<FactStore.Entry> entries, String subject, String indicator, IndicatorFilter filter,
                                    boolean values) {
    List<FactStore.Entry> found = matching(entries, subject, indicator, filter, values);
    return found.isEmpty() ? null : found.stream().map(e -> values ? e.value() : e.target()).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  static String sources(List<FactStore.Entry> entries, String subject, String indicator, IndicatorFilter filter,
                                boolean values) {
    return "Saisi : " + String.join(" ; ", new LinkedHashSet<>(matching(entries, subject, indicator, filter, values).stream()
        .map(FactStore.Entry::source).toList()));
  }

  /** How a computed indicator is computed, for people. */
  static String describe(IndicatorComputation how) {
    return switch (how.kind()) {
      case ORIENTATIONS -> "Calculé : orientations faites sur l'action pendant la période";
      case ENTRIES -> "Calculé : entrées sur l'action pendant la période";
      case PEOPLE_FOLLOWED -> "Calculé : file active au début de la période et entrées pendant la période";
      case EXITS -> how.fields().isEmpty() ? "Calculé : sorties pendant la période" : "Calculé : sorties de ce type pendant la période";
      case MEAN_DURATION_DAYS -> "Calculé : durée moyenne en jours des accompagnements terminés pendant la période";
      case WORKSHOP_SESSIONS -> "Calculé : séances d'atelier tenues pendant la période";
      case PARTICIPANTS_PER_SESSION -> "Calculé : présences aux séances de la période ÷ séances";
      case SESSIONS_PER_PARTICIPANT -> "Calculé : présences ÷ participants présents au moins une fois pendant la période";
      case FIELD_TRUE -> "Calculé : parcours suivis pendant la période où « " + String.join(" », « ", how.fields()) + " » est renseigné";
      case FIELD_EQUALS -> "Calculé : « " + how.value() + " » dans « " + String.join(" », « ", how.fields())
          + " » des parcours suivis pendant la période";
      case FIELD_CHOICES -> "Calculé : choix cochés dans « " + String.join(" », « ", how.fields()) + " » des parcours suivis pendant la période";
      case FIELD_SUM -> "Calculé : somme de « " + String.join(" », « ", how.fields()) + " » des parcours suivis pendant la période";
      case ENTERED -> "À saisir par le service du programme";
    };
  }

  /**
   * The programme indicators of the tenant's programmes for the filter: computed over the offer items serving each
   * action where a measure says how, as entered otherwise; narrowed like every other figure.
   */
  public Future<List<ProgrammeIndicators.Value>> programmeIndicators(RequestContext context, IndicatorFilter filter) {
    Map<String, ActionTypeDescriptor> types = actionTypes(context.tenant());
    String tenant = context.tenant();
    Reach reach = Reach.of(context);
    return exitTypeLabels(tenant).compose(exitLabels -> reads.inTenant(tenant, connection ->
        narrowing(connection, context, filter, types).compose(narrowing ->
            store.entries(connection, tenant, null, filter.start(), filter.end(),
                    filter.territory() == null ? null : List.of(filter.territory()))
                .map(entries -> entries.stream().filter(e -> e.territory() == null || reach.territories() == null
                    || reach.territories().contains(e.territory())).toList())
                .compose(entries -> ProgrammeIndicators.compute(connection, tenant, filter, narrowing, entries, exitLabels,
                    store)))));
  }

  /**
   * Sets how a programme indicator is computed (the programme manager's choice, preferred to the file's): creates it
   * when there is none ({@code version} null or 0), changes it at {@code version} otherwise (409 when stale).
   *
   * @return the measure saved, and whether it was created
   */
  public Future<Map.Entry<ProgrammeIndicators.Measure, Boolean>> setMeasure(RequestContext context, String programme,
                                                                           String action, int number, MeasureInput input,
                                                                           Integer version) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> indicatorNamed(connection, tenant, programme, action, number)
        .compose(name -> ProgrammeIndicators.manager(connection, tenant, programme, action, name).compose(current -> {
          Future<ProgrammeIndicators.Measure> saved;
          if (current == null) {
            if (version != null && version != 0) {
              throw Problem.conflict("Ce mode de calcul a été retiré entre-temps : relisez les indicateurs avant de le changer.");
            }
            saved = ProgrammeIndicators.insert(connection, tenant, programme, action, name, input, context.actor().label());
          } else {
            if (version == null) {
              throw EntryInput.invalid("version", "Indiquez la version lue (champ version ou en-tête If-Match) : un mode de "
                  + "calcul est déjà choisi pour cet indicateur.");
            }
            saved = ProgrammeIndicators.update(connection, tenant, programme, action, name, input, context.actor().label(), version);
          }
          return saved.compose(measure -> {
            if (measure == null) {
              throw Problem.conflict("Ce mode de calcul a été modifié entre-temps (version "
                  + (current == null ? "nouvelle" : current.version()) + ") : relisez-le avant de le changer.");
            }
            String target = "programme-indicator:" + programme + "/" + action + "/" + number;
            return audit.record(connection, tenant, context.actor().audited(), "indicator.measure-set", target,
                    measure.toJson().put("number", number), context.requestId())
                .compose(done -> ClusterSignals.notify(connection, new JsonObject().put("kind", "programme-indicator-measure")
                    .put("tenant", tenant).put("target", target)))
                .map(done -> Map.entry(measure, current == null));
          });
        })));
  }

  /** Removes the programme manager's choice (the file's measure, if any, applies again); 404 without one, 409 if stale. */
  public Future<Void> removeMeasure(RequestContext context, String programme, String action, int number, int version) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> indicatorNamed(connection, tenant, programme, action, number)
        .compose(name -> ProgrammeIndicators.manager(connection, tenant, programme, action, name).compose(current -> {
          if (current == null) {
            throw Problem.notFound("Aucun mode de calcul choisi par le service du programme pour cet indicateur.");
          }
          return ProgrammeIndicators.delete(connection, tenant, programme, action, name, version).compose(removed -> {
            if (!removed) {
              throw Problem.conflict("Ce mode de calcul a été modifié entre-temps (version " + current.version()
                  + ") : relisez-le avant de le retirer.");
            }
            String target = "programme-indicator:" + programme + "/" + action + "/" + number;
            return audit.record(connection, tenant, context.actor().audited(), "indicator.measure-removed", target,
                    new JsonObject().put("indicator", name).put("version", version), context.requestId())
                .compose(done -> ClusterSignals.notify(connection, new JsonObject().put("kind", "programme-indicator-measure")
                    .put("tenant", tenant).put("target", target)));
          });
        })));
  }

  private static Future<String> indicatorNamed(SqlConnection connection, String tenant, String programme, String action,
                                               int number) {
    return ProgrammeIndicators.indicatorName(connection, tenant, programme, action, number).map(name -> {
      if (name == null) {
        throw Problem.notFound("Indicateur de programme introuvable : " + programme + ", action " + action + ", n° " + number + ".");
      }
      return name;
    });
  }

  /** The exit types' codes of the tenant's référentiel, for what a measure may count. */
  Future<Set<String>> exitTypeCodes(String tenant) {
    return exitTypeLabels(tenant).map(Map::keySet);
  }

  /** The filter narrowed to the caller's reach; refuses (403) a territory or an operator outside it. */
  private Future<FactStore.Narrowing> narrowing(SqlConnection connection, RequestContext context, IndicatorFilter filter,
                                                Map<String, ActionTypeDescriptor> types) {
    Reach reach = Reach.of(context);
    if (reach.referent() != null) {
      throw Problem.forbidden("Les indicateurs ne sont ouverts qu'aux services du département, aux territoires et aux opérateurs.");
    }
    List<String> territories;
    if (filter.territory() != null) {
      if (reach.territories() != null && !reach.territories().contains(filter.territory())) {
        throw Problem.forbidden("Ce territoire n'est pas dans votre périmètre.");
      }
      territories = List.of(filter.territory());
    } else {
      territories = reach.territories() == null ? null : List.copyOf(reach.territories());
    }
    String organisation = filter.organisation();
    if (reach.organisation() != null) {
      if (organisation != null && !organisation.equals(reach.organisation())) {
        throw Problem.forbidden("Vous ne voyez que les indicateurs de votre organisation.");
      }
      organisation = reach.organisation();
    }
    List<String> actionTypes;
    if (filter.actionType() != null) {
      if (!types.containsKey(filter.actionType())) {
        throw EntryInput.invalid("actionType", "Type d'action inconnu ou module non activé pour ce département.");
      }
      actionTypes = List.of(filter.actionType());
    } else {
      actionTypes = List.copyOf(types.keySet());
    }
    if (filter.convention() == null) {
      return Future.succeededFuture(new FactStore.Narrowing(actionTypes, territories, organisation, null));
    }
    String scopedOrganisation = organisation;
    return connection.preparedQuery(CONVENTION).execute(Tuple.of(context.tenant(), filter.convention())).map(rows -> {
      if (rows.size() == 0) {
        throw Problem.notFound("Convention introuvable.");
      }
      var row = rows.iterator().next();
      String owner = row.getString("organisation_id");
      if (scopedOrganisation != null && !scopedOrganisation.equals(owner)) {
        throw Problem.notFound("Convention introuvable.");
      }
      UUID item = row.getUUID("offer_id");
      return new FactStore.Narrowing(List.of(row.getString("action_type")), territories, owner, item == null ? null : List.of(item));
    });
  }

  /** The values entered for the period (and subject, if given), within the caller's territories. */
  public Future<List<FactStore.Entry>> entries(RequestContext context, IndicatorFilter filter, String subject) {
    Reach reach = Reach.of(context);
    List<String> territories = filter.territory() != null ? List.of(filter.territory()) : null;
    return transactions.inTenant(context.tenant(), connection -> store.entries(connection, context.tenant(), subject,
        filter.start(), filter.end(), territories)).map(list -> list.stream()
        .filter(e -> e.territory() == null || reach.territories() == null || reach.territories().contains(e.territory())).toList());
  }

  public Future<FactStore.Entry> enter(RequestContext context, EntryInput input) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> store.insert(connection, tenant, input, context.actor().label())
        .compose(id -> {
          if (id == null) {
            throw new Problem(409, "deja-saisi", "Valeur déjà saisie",
                "Une valeur est déjà saisie pour cet indicateur, ce territoire et cette période : modifiez-la.",
                List.of(new Problem.FieldError("indicator", "Déjà saisi pour cette période.")));
          }
          return audit.record(connection, tenant, context.actor().audited(), "indicator.entered", "indicator-entry:" + id,
                  new JsonObject().put("subject", input.subject()).put("indicator", input.indicator())
                      .put("periodStart", input.periodStart().toString()).put("periodEnd", input.periodEnd().toString()),
                  context.requestId())
              .compose(done -> store.entry(connection, tenant, id));
        }));
  }

  public Future<FactStore.Entry> change(RequestContext context, UUID id, EntryInput input, int version) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> store.entry(connection, tenant, id).compose(current -> {
      if (current == null) {
        throw Problem.notFound("Valeur saisie introuvable.");
      }
      return store.update(connection, tenant, id, input, context.actor().label(), version).compose(changed -> {
        if (!changed) {
          throw Problem.conflict("Cette valeur a été modifiée entre-temps (version " + current.version()
              + ") : relisez-la avant de la changer.");
        }
        return audit.record(connection, tenant, context.actor().audited(), "indicator.changed", "indicator-entry:" + id,
            new JsonObject().put("version", version + 1), context.requestId())
            .compose(done -> store.entry(connection, tenant, id));
      });
    }));
  }
}
