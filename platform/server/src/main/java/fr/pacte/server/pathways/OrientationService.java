package fr.pacte.server.pathways;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.Eligibility;
import fr.pacte.api.ParticipationField;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.offer.OfferStore;
import fr.pacte.server.pathways.Orientation.State;
import fr.pacte.server.plugins.InstalledPlugin;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.referentials.ReferentialService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Orientations of people onto offer items: the eligibility answer of the action type and the live capacity at the
 * moment of orienting, the waiting list, the operator's decision, follow-up fields, renewals and exits. Every change
 * is audited in its transaction; every entry is notified to the territory.
 */
public final class OrientationService {

  static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

  private final TenantTransactions transactions;
  private final PluginService plugins;
  private final ReferentialService referentials;
  private final AuditStore audit;
  private final PersonService people;
  private final OrientationStore store = new OrientationStore();
  private final OfferStore offers = new OfferStore();

  public OrientationService(TenantTransactions transactions, PluginService plugins, ReferentialService referentials,
                            AuditStore audit, PersonService people) {
    this.transactions = transactions;
    this.plugins = plugins;
    this.referentials = referentials;
    this.audit = audit;
    this.people = people;
  }

  /** The panels the modules enabled in the tenant add to a participation's page (e.g. its FSE+ data). */
  public Future<List<Map<String, Object>>> panels(RequestContext context, UUID id) {
    return plugins.panels(fr.pacte.api.PagePanel.Place.PARTICIPATION, context.tenant(), id, context.principal())
        .map(panels -> panels.stream().map(fr.pacte.server.plugins.HostPluginContexts.Panel::view).toList());
  }

  /** The action types of the plugins enabled for the tenant, by code. */
  public Map<String, ActionTypeDescriptor> actionTypes(String tenant) {
    Map<String, ActionTypeDescriptor> types = new LinkedHashMap<>();
    for (InstalledPlugin plugin : plugins.servingFor(tenant)) {
      plugin.actionTypes().forEach(type -> types.put(type.code(), type));
    }
    return types;
  }

  /** The tenant's labels of exit types, by code. */
  public Future<Map<String, String>> exitLabels(String tenant) {
    return referentials.labels(tenant, "exit-types");
  }

  /** What the prescriber sees before orienting: the action type's answer for this person and the places. */
  public record Preview(Person person, OfferItem item, String territory, ActionTypeDescriptor type, boolean eligible,
                        String reason, String warning, Capacity capacity) {

    public JsonObject toJson() {
      return new JsonObject()
          .put("person", person.id().toString())
          .put("offer", item.id().toString())
          .put("territory", territory)
          .put("actionType", type.code())
          .put("eligibility", new JsonObject().put("rule", type.eligibility().kind().name())
              .put("statement", type.eligibility().statement() == null ? null : type.eligibility().statement().fr())
              .put("rsaQuotaPercent", type.eligibility().rsaQuotaPercent())
              .put("eligible", eligible).put("reason", reason).put("warning", warning))
          .put("capacity", capacity.toJson())
          .put("outcome", !eligible ? "refused" : capacity.full() ? "waiting" : "proposed");
    }
  }

  /** An orientation with the capacity of its item after the change, and the eligibility answer when just oriented. */
  public record Placed(Orientation orientation, Capacity capacity, JsonObject eligibility) {

    public JsonObject toJson(LocalDate today) {
      JsonObject json = orientation.toJson(today).put("capacity", capacity.toJson());
      return eligibility == null ? json : json.put("eligibility", eligibility);
    }
  }

  public Future<Preview> preview(RequestContext context, UUID personId, UUID offerId, String territory) {
    return transactions.inTenant(context.tenant(), connection -> preview(connection, context, personId, offerId, territory, false));
  }

  /**
   * Positions a person on an item for a territory. An ineligible person is refused with the reason (422, nothing
   * written); a full item puts the person on its waiting list. The place row is locked: of two prescribers taking the
   * last place at once, one gets it and the other the waiting list.
   */
  public Future<Placed> orient(RequestContext context, UUID personId, UUID offerId, String territory, String prescriberKind,
                               String note) {
    String tenant = context.tenant();
    return prescriberKinds(tenant).compose(kinds -> transactions.inTenant(tenant, connection -> orient(connection, context,
            personId, offerId, territory, prescriberKind, note, kinds)))
        .compose(placed -> withEligibility(context, placed));
  }

  /** The tenant's kinds of prescribers (référentiel prescriber-types), by code. */
  Future<Map<String, String>> prescriberKinds(String tenant) {
    return referentials.labels(tenant, "prescriber-types");
  }

  /**
   * Positions a person within the caller's transaction, so that a larger change (a confirmed self-positioning)
   * commits with it or not at all; {@code kinds} are the tenant's {@link #prescriberKinds}.
   */
  Future<Placed> orient(SqlConnection connection, RequestContext context, UUID personId, UUID offerId, String territory,
                        String prescriberKind, String note, Map<String, String> kinds) {
    String tenant = context.tenant();
    if (prescriberKind == null || !kinds.containsKey(prescriberKind)) {
      return Future.failedFuture(PersonInput.invalid("prescriberKind", "Choisissez le type de prescripteur parmi : "
          + String.join(", ", kinds.values()) + "."));
    }
    return preview(connection, context, personId, offerId, territory, true)
        .compose(preview -> {
          if (!preview.eligible()) {
            return Future.failedFuture(new Problem(422, "non-eligible", "Personne non éligible à cette action",
                preview.reason(), List.of(new Problem.FieldError("person", preview.reason()))));
          }
          return store.openFor(connection, personId, offerId).compose(open -> {
            if (open) {
              return Future.failedFuture(Problem.conflict("Cette personne est déjà positionnée sur cette offre."));
            }
            State state = preview.capacity().full() ? State.WAITING : State.PROPOSED;
            return store.insert(connection, tenant, personId, offerId, territory, preview.type().code(),
                    preview.item().organisationId(), state.code(), username(context), displayName(context), prescriberKind,
                    preview.person().details().rsaRecipient(), preview.warning(), note)
                .compose(id -> audit.record(connection, tenant, context.actor().audited(), "orientation.created",
                    "orientation:" + id, new JsonObject().put("person", personId.toString()).put("offer", offerId.toString())
                        .put("territory", territory).put("state", state.code()), context.requestId()).map(id));
          });
        })
        .compose(id -> placed(connection, context, id));
  }

  /** The orientation with the eligibility answer read once it is committed, as the prescriber is shown it. */
  Future<Placed> withEligibility(RequestContext context, Placed placed) {
    Orientation o = placed.orientation();
    return preview(context, o.personId(), o.offerId(), o.territory()).map(preview -> new Placed(o, placed.capacity(),
        preview.toJson().getJsonObject("eligibility").put("warning", o.eligibilityNote())));
  }

  /** The operator accepts: the person enters on {@code entry}; the territory is notified. */
  public Future<Placed> accept(RequestContext context, UUID id, int version, LocalDate entry, String note) {
    String tenant = context.tenant();
    if (entry == null) {
      return Future.failedFuture(PersonInput.invalid("entryDate", "Indiquez la date d'entrée sur l'action."));
    }
    return transactions.inTenant(tenant, connection -> decided(connection, context, id, version, State.PROPOSED,
        "Seule une orientation proposée peut être acceptée (une personne en liste d'attente attend qu'une place se libère).")
        .compose(current -> {
          ActionTypeDescriptor type = actionTypes(tenant).get(current.actionType());
          LocalDate plannedEnd = type == null || type.maximumDurationMonths() == null ? null
              : entry.plusMonths(type.maximumDurationMonths());
          return people.territories(tenant).map(territories -> territories.stream()
                  .filter(t -> t.code().equals(current.territory())).map(t -> t.name()).findFirst().orElse(current.territory()))
              .compose(territoryName -> store.accept(connection, id, entry, plannedEnd, note)
                  .compose(done -> store.notifyTerritory(connection, tenant, current.territory(), id, "Entrée de "
                      + current.personName() + " sur « " + current.offerTitle() + " », territoire " + territoryName + ", le "
                      + FRENCH_DATE.format(entry) + (type == null ? "" : " (" + type.label().fr() + ")") + ".")))
              .compose(done -> audit.record(connection, tenant, context.actor().audited(), "orientation.accepted",
                  "orientation:" + id, new JsonObject().put("entryDate", entry.toString()).put("version", version + 1),
                  context.requestId()));
        })
        .compose(done -> placed(connection, context, id)))
        .compose(placed -> announce("participation.entered", tenant, placed));
  }

  /** The operator refuses with a reason of the référentiel; a place freed goes to the first person waiting. */
  public Future<Placed> refuse(RequestContext context, UUID id, int version, String reason, String comment, String note) {
    String tenant = context.tenant();
    return referentials.labels(tenant, "refusal-reasons").compose(reasons -> {
      if (reason == null || !reasons.containsKey(reason)) {
        return Future.failedFuture(PersonInput.invalid("reason", "Choisissez le motif du refus parmi : "
            + String.join(", ", reasons.values()) + "."));
      }
      return transactions.inTenant(tenant, connection -> decided(connection, context, id, version,
          EnumSet.of(State.PROPOSED, State.WAITING), "Seule une orientation proposée ou en attente peut être refusée.")
          .compose(current -> store.capacity(connection, current.offerId(), current.territory(), true, true)
          .compose(capacity -> store.refuse(connection, id, reason, comment, note))
          .compose(done -> current.state() == State.PROPOSED
              ? store.promoteFirstWaiting(connection, current.offerId(), current.territory())
              : Future.succeededFuture(Optional.<UUID>empty()))
          .compose(promoted -> audit.record(connection, tenant, context.actor().audited(), "orientation.refused",
              "orientation:" + id, new JsonObject().put("reason", reason).put("version", version + 1)
                  .put("placeGivenTo", promoted.map(UUID::toString).orElse(null)), context.requestId())))
          .compose(done -> placed(connection, context, id)));
    });
  }

  /** Exit with its date, its type (référentiel exit-types) and the attendus of the fiche reached. */
  public Future<Placed> exit(RequestContext context, UUID id, int version, LocalDate date, String exitType,
                             List<String> outcomes, String comment) {
    String tenant = context.tenant();
    return referentials.labels(tenant, "exit-types").compose(types -> {
      List<Problem.FieldError> errors = new ArrayList<>();
      if (date == null) {
        errors.add(new Problem.FieldError("date", "Indiquez la date de sortie."));
      } else if (date.isAfter(context.today())) {
        errors.add(new Problem.FieldError("date", "La date de sortie ne peut pas être dans le futur."));
      }
      if (exitType == null || !types.containsKey(exitType)) {
        errors.add(new Problem.FieldError("type", "Choisissez le type de sortie parmi : " + String.join(", ", types.values()) + "."));
      }
      if (!errors.isEmpty()) {
        return Future.failedFuture(Problem.validation(errors));
      }
      return transactions.inTenant(tenant, connection -> decided(connection, context, id, version, State.IN,
          "Seule une personne entrée sur l'action peut en sortir.")
          .compose(current -> {
            ActionTypeDescriptor type = actionTypes(tenant).get(current.actionType());
            for (String outcome : outcomes) {
              if (type != null && !type.expectedOutcomes().contains(outcome)) {
                return Future.failedFuture(PersonInput.invalid("outcomes", "« " + outcome
                    + " » n'est pas un attendu de la fiche ; attendus : " + String.join(" ; ", type.expectedOutcomes()) + "."));
              }
            }
            if (current.entryDate() != null && date.isBefore(current.entryDate())) {
              return Future.failedFuture(PersonInput.invalid("date", "La date de sortie précède la date d'entrée ("
                  + FRENCH_DATE.format(current.entryDate()) + ")."));
            }
            return store.capacity(connection, current.offerId(), current.territory(), true, true)
                .compose(capacity -> store.exit(connection, id, date, exitType, outcomes, comment))
                .compose(done -> store.promoteFirstWaiting(connection, current.offerId(), current.territory()))
                .compose(promoted -> audit.record(connection, tenant, context.actor().audited(), "orientation.exited",
                    "orientation:" + id, new JsonObject().put("date", date.toString()).put("type", exitType)
                        .put("version", version + 1).put("placeGivenTo", promoted.map(UUID::toString).orElse(null)),
                    context.requestId()));
          })
          .compose(done -> placed(connection, context, id)))
          .compose(placed -> announce("participation.exited", tenant, placed));
    });
  }

  /**
   * Tells the modules enabled in the tenant that a person entered or left an action ({@code participation.entered},
   * {@code participation.exited}), once the change is committed, with the participation's minimal fields.
   */
  private Future<Placed> announce(String type, String tenant, Placed placed) {
    Orientation o = placed.orientation();
    JsonObject payload = new JsonObject().put("participation", o.id().toString()).put("person", o.personId().toString())
        .put("offer", o.offerId().toString()).put("actionType", o.actionType()).put("territory", o.territory())
        .put("organisation", o.organisationId()).put("rsaRecipient", o.rsaRecipient())
        .put("entryDate", o.entryDate() == null ? null : o.entryDate().toString())
        .put("exitDate", o.exitDate() == null ? null : o.exitDate().toString()).put("exitType", o.exitType());
    return plugins.publish(new fr.pacte.api.DomainEvent(type, tenant, payload, java.time.Instant.now())).map(placed);
  }

  /**
   * Renews a participation reaching its maximum duration, for the action type's maximum again, with a reason. Only an
   * action type whose fiche allows it; its renewal condition (e.g. licence support) must be recorded.
   */
  public Future<Placed> renew(RequestContext context, UUID id, int version, String reason) {
    String tenant = context.tenant();
    if (reason == null || reason.length() < 5) {
      return Future.failedFuture(PersonInput.invalid("reason", "Indiquez le motif du renouvellement (5 caractères au moins)."));
    }
    return transactions.inTenant(tenant, connection -> decided(connection, context, id, version, State.IN,
        "Seule une personne entrée sur l'action peut voir sa participation renouvelée.")
        .compose(current -> {
          ActionTypeDescriptor type = actionTypes(tenant).get(current.actionType());
          if (type == null || type.maximumDurationMonths() == null || current.plannedEnd() == null) {
            return Future.failedFuture(Problem.conflict("Cette action n'a pas de durée maximale : rien à renouveler."));
          }
          if (!type.renewal().renewable()) {
            return Future.failedFuture(Problem.conflict("La fiche « " + type.label().fr() + " » fixe une durée maximale de "
                + type.maximumDurationMonths() + " mois, non renouvelable."));
          }
          String condition = type.renewal().conditionField();
          if (condition != null && !Boolean.TRUE.equals(current.fields().getValue(condition))) {
            return Future.failedFuture(Problem.conflict("Renouvellement impossible : "
                + (type.renewal().condition() == null ? "condition non remplie" : type.renewal().condition().fr())
                + " — le champ « " + label(type, condition) + " » n'est pas coché sur la participation."));
          }
          LocalDate end = current.plannedEnd().plusMonths(type.maximumDurationMonths());
          JsonObject renewal = new JsonObject().put("on", context.today().toString()).put("reason", reason)
              .put("previousEnd", current.plannedEnd().toString()).put("newEnd", end.toString())
              .put("by", context.actor().audited());
          return store.renew(connection, id, end, renewal)
              .compose(done -> audit.record(connection, tenant, context.actor().audited(), "orientation.renewed",
                  "orientation:" + id, renewal.copy().put("version", version + 1), context.requestId()));
        })
        .compose(done -> placed(connection, context, id)));
  }

  /** Records the action type's participation fields, checked against the plugin's declaration. */
  public Future<Placed> recordFields(RequestContext context, UUID id, int version, JsonObject values, String note) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> store.find(connection, id).compose(found -> {
      Orientation current = found.orElseThrow(() -> missing(id));
      ActionTypeDescriptor type = actionTypes(tenant).get(current.actionType());
      if (type == null) {
        return Future.failedFuture(Problem.conflict("Le module de ce type d'action n'est pas activé : ses champs ne peuvent être saisis."));
      }
      JsonObject checked = ParticipationFields.check(type.participationFields(), values);
      return decided(connection, context, id, version, current.state() == State.EXITED ? State.EXITED : State.IN,
          "Les champs de suivi se renseignent une fois la personne entrée sur l'action.")
          .compose(ok -> store.fields(connection, id, checked, note))
          .compose(done -> audit.record(connection, tenant, context.actor().audited(), "orientation.fields-recorded",
              "orientation:" + id, new JsonObject().put("fields", new JsonArray(new ArrayList<>(checked.fieldNames())))
                  .put("version", version + 1), context.requestId()));
    }).compose(done -> placed(connection, context, id)));
  }

  public Future<Orientation> get(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> visible(connection, context, id));
  }

  public Future<List<Orientation>> list(RequestContext context, UUID person, String state, UUID offer) {
    Reach reach = Reach.of(context);
    return transactions.inTenant(context.tenant(), connection -> store.list(connection, reach, person, state, offer, 500));
  }

  /** Participations reaching their maximum duration within a month of {@code today} (or past it). */
  public Future<List<Orientation>> dueForRenewal(RequestContext context, LocalDate today) {
    Reach reach = Reach.of(context);
    return transactions.inTenant(context.tenant(), connection -> store.due(connection, reach, today.plusMonths(1)));
  }

  public Future<List<OrientationStore.Notification>> notifications(RequestContext context) {
    Reach reach = Reach.of(context);
    if (reach.organisation() != null || reach.referent() != null) {
      return Future.failedFuture(Problem.forbidden("Les notifications d'entrée sont adressées aux territoires d'action sociale."));
    }
    return transactions.inTenant(context.tenant(), connection -> store.notifications(connection, reach, 200));
  }

  /** The current items of the enabled action types a caller may orient onto (an operator: its own). */
  public Future<List<OfferItem>> items(RequestContext context) {
    Reach reach = Reach.of(context);
    List<String> types = new ArrayList<>(actionTypes(context.tenant()).keySet());
    return transactions.inTenant(context.tenant(), connection -> offers.search(connection, new OfferStore.Criteria(types,
        null, null, null, context.today(), reach.organisation())));
  }

  /** The capacity of an item in a territory, read now. */
  public Future<Capacity> capacity(RequestContext context, UUID offerId, String territory) {
    return transactions.inTenant(context.tenant(), connection -> offers.find(connection, offerId).compose(found -> {
      OfferItem item = found.orElseThrow(() -> Problem.notFound("Aucune offre « " + offerId + " » dans ce département."));
      ActionTypeDescriptor type = actionTypes(context.tenant()).get(item.actionType());
      return store.capacity(connection, offerId, territory, type == null || type.capacity().countsPeopleAtOnce(), false)
          .map(capacity -> capacity.orElseThrow(() -> Problem.notFound("Cette offre n'a pas de places sur le territoire « "
              + territory + " ».")));
    }));
  }

  private Future<Preview> preview(SqlConnection connection, RequestContext context, UUID personId, UUID offerId,
                                  String territory, boolean lock) {
    String tenant = context.tenant();
    return offers.find(connection, offerId).compose(found -> {
      OfferItem item = found.orElseThrow(() -> PersonInput.invalid("offer", "Aucune offre « " + offerId + " » dans ce département."));
      ActionTypeDescriptor type = actionTypes(tenant).get(item.actionType());
      if (type == null) {
        return Future.failedFuture(PersonInput.invalid("offer", "Le type d'action de cette offre n'est pas activé dans ce département."));
      }
      if (territory == null || !item.territories().contains(territory)) {
        return Future.failedFuture(PersonInput.invalid("territory", "Cette offre a des places sur : "
            + String.join(", ", item.territories()) + " ; choisissez l'un de ces territoires."));
      }
      Reach reach = Reach.of(context);
      // An operator positions people on its own items only; it may position someone it does not follow yet.
      if (reach.organisation() != null && !reach.organisation().equals(item.organisationId())) {
        return Future.failedFuture(Problem.forbidden("Cette offre est portée par une autre organisation que la vôtre."));
      }
      if (reach.territories() != null && !reach.territories().contains(territory)) {
        return Future.failedFuture(Problem.forbidden("Le territoire « " + territory + " » est en dehors de votre périmètre."));
      }
      Future<Optional<Person>> person = reach.organisation() != null ? people.store().findAny(connection, personId)
          : people.store().find(connection, reach, personId);
      return person.compose(p -> {
        Person who = p.orElseThrow(() -> PersonInput.invalid("person", "Aucune personne « " + personId + " » dans votre périmètre."));
        if (who.pseudonymised()) {
          return Future.failedFuture(PersonInput.invalid("person", "Les données de cette personne ont été pseudonymisées."));
        }
        return store.capacity(connection, offerId, territory, type.capacity().countsPeopleAtOnce(), lock)
            .map(capacity -> eligibility(who, item, territory, type, capacity.orElseThrow()));
      });
    });
  }

  static Preview eligibility(Person person, OfferItem item, String territory, ActionTypeDescriptor type, Capacity capacity) {
    Eligibility rule = type.eligibility();
    Person.Details d = person.details();
    boolean eligible = rule.admits(d.rsaRecipient(), Boolean.TRUE.equals(d.iaeEligible()));
    String reason = null;
    String warning = null;
    switch (rule.kind()) {
      case RSA_ONLY -> {
        if (!eligible) {
          reason = "« " + type.label().fr() + " » est réservée aux allocataires du RSA ; " + person.displayName()
              + " n'est pas allocataire" + checked(d) + ".";
        }
      }
      case IAE_ELIGIBLE -> {
        if (!eligible) {
          reason = "« " + type.label().fr() + " » est réservée aux personnes éligibles à l'IAE ; l'éligibilité IAE de "
              + person.displayName() + (d.iaeEligible() == null ? " n'est pas connue : faites-la vérifier (plateforme de l'inclusion)."
              : " n'est pas reconnue.");
        }
      }
      case OPEN_WITH_RSA_QUOTA -> {
        int share = capacity.rsaShareWith(d.rsaRecipient());
        if (!d.rsaRecipient() && share < rule.rsaQuotaPercent()) {
          warning = "La part d'allocataires du RSA dans la file active passerait à " + share + " % , sous le minimum de "
              + rule.rsaQuotaPercent() + " % fixé par la fiche.";
        }
      }
      // A rule of the action type's own: the référent checks its statement, shown with the preview.
      case OWN -> warning = "Vérifiez l'éligibilité : « " + (rule.statement() == null ? rule.rule().label().fr()
          : rule.statement().fr()) + " ».";
    }
    return new Preview(person, item, territory, type, eligible, reason, warning, capacity);
  }

  private static String checked(Person.Details d) {
    return d.rsaCheckedOn() == null ? "" : " (vérifié le " + FRENCH_DATE.format(d.rsaCheckedOn()) + ")";
  }

  private Future<Placed> placed(SqlConnection connection, RequestContext context, UUID id) {
    return store.find(connection, id).compose(found -> {
      Orientation o = found.orElseThrow(() -> missing(id));
      ActionTypeDescriptor type = actionTypes(context.tenant()).get(o.actionType());
      boolean counts = type == null || type.capacity().countsPeopleAtOnce();
      return store.capacity(connection, o.offerId(), o.territory(), counts, false)
          .map(capacity -> new Placed(o, capacity.orElse(new Capacity(0, 0, 0, 0, 0, counts)), null));
    });
  }

  /** The orientation, if the caller may decide on it, at the version they read and in the state the change needs. */
  private Future<Orientation> decided(SqlConnection connection, RequestContext context, UUID id, int version, State needed,
                                      String wrongState) {
    return decided(connection, context, id, version, EnumSet.of(needed), wrongState);
  }

  private Future<Orientation> decided(SqlConnection connection, RequestContext context, UUID id, int version,
                                      Set<State> needed, String wrongState) {
    return store.lock(connection, id).compose(locked -> visible(connection, context, id).compose(current -> {
      if (!Reach.of(context).decidesFor(current.organisationId())) {
        return Future.failedFuture(Problem.forbidden("Seul l'opérateur qui porte l'action décide de cette orientation."));
      }
      if (locked.orElseThrow().version() != version) {
        return Future.failedFuture(Problem.conflict("Cette orientation a été modifiée entre-temps (version "
            + locked.get().version() + ", vous aviez la version " + version + "). Rechargez-la : rien n'a été enregistré."));
      }
      if (!needed.contains(current.state())) {
        return Future.failedFuture(Problem.conflict(wrongState + " Elle est : " + current.state().label().toLowerCase(Locale.FRENCH) + "."));
      }
      return Future.succeededFuture(current);
    }));
  }

  Future<Orientation> visible(SqlConnection connection, RequestContext context, UUID id) {
    Reach reach = Reach.of(context);
    return store.find(connection, id).compose(found -> {
      Orientation o = found.orElseThrow(() -> missing(id));
      if (reach.organisation() != null && !reach.organisation().equals(o.organisationId())
          || reach.territories() != null && !reach.territories().contains(o.territory())) {
        return Future.failedFuture(missing(id));
      }
      if (reach.referent() != null) {
        return people.store().find(connection, reach, o.personId())
            .compose(p -> p.isPresent() ? Future.succeededFuture(o) : Future.failedFuture(missing(id)));
      }
      return Future.succeededFuture(o);
    });
  }

  private static String label(ActionTypeDescriptor type, String field) {
    return type.participationFields().stream().filter(f -> f.code().equals(field)).findFirst()
        .map(f -> f.label().fr()).orElse(field);
  }

  static Problem missing(UUID id) {
    return Problem.notFound("Aucune orientation « " + id + " » dans votre périmètre.");
  }

  static String username(RequestContext context) {
    return context.principal() == null ? context.actor().audited() : context.principal().username();
  }

  static String displayName(RequestContext context) {
    return context.principal() == null ? context.actor().audited() : context.principal().displayName();
  }

  static LocalDate date(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return FrenchDates.parseDay(text);
    } catch (DateTimeParseException e) {
      throw PersonInput.invalid(field, FrenchDates.TYPED_DAY_HINT);
    }
  }

  /** The declared participation fields, for pages. */
  static List<ParticipationField> fieldsOf(ActionTypeDescriptor type) {
    return type == null ? List.of() : type.participationFields();
  }
}
