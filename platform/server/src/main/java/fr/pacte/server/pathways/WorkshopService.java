package fr.pacte.server.pathways;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.FollowUpMode;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.offer.OfferStore;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.FrenchDates;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Workshops of the collective action types (social remobilisation, employment preparation): sessions planned per
 * territory, registration of the people oriented on the item, attendance (present, absent, excused) and counts.
 */
public final class WorkshopService {

  private final TenantTransactions transactions;
  private final OrientationService orientations;
  private final AuditStore audit;
  private final OrientationStore store = new OrientationStore();
  private final OfferStore offers = new OfferStore();

  public WorkshopService(TenantTransactions transactions, OrientationService orientations, AuditStore audit) {
    this.transactions = transactions;
    this.orientations = orientations;
    this.audit = audit;
  }

  /** A session as entered. */
  public record Planned(UUID offer, String territory, LocalDateTime startsAt, String theme, String place, int capacity) {

    public static Planned parse(JsonObject body) {
      Fields f = Fields.of(body);
      String offer = f.line("offer", 40);
      UUID offerId = null;
      try {
        offerId = offer == null ? null : UUID.fromString(offer);
      } catch (IllegalArgumentException e) {
        f.error("offer", "Identifiant d'offre invalide.");
      }
      if (offer == null) {
        f.error("offer", "Choisissez l'offre (action collective) de la séance.");
      }
      String territory = f.line("territory", 80);
      if (territory == null) {
        f.error("territory", "Choisissez le territoire de la séance.");
      }
      String starts = f.line("startsAt", 19);
      LocalDateTime startsAt = null;
      try {
        startsAt = starts == null ? null : FrenchDates.parseDateTime(starts);
      } catch (DateTimeParseException e) {
        f.error("startsAt", FrenchDates.TYPED_DATE_TIME_HINT);
      }
      if (starts == null) {
        f.error("startsAt", "Indiquez la date et l'heure de la séance.");
      }
      String theme = f.line("theme", 200);
      if (theme == null || theme.length() < 3) {
        f.error("theme", "Indiquez le thème de l'atelier (3 à 200 caractères).");
      }
      String place = f.line("place", 200);
      if (place == null) {
        f.error("place", "Indiquez le lieu de la séance.");
      }
      Integer capacity = f.integer("capacity", 1, 500);
      Object givenCapacity = body.getValue("capacity");
      if (givenCapacity == null || givenCapacity.toString().isBlank()) {
        f.error("capacity", "Indiquez le nombre de places de la séance (1 à 500).");
      }
      f.throwIfAny();
      return new Planned(offerId, territory, startsAt, theme, place, capacity);
    }
  }

  public Future<List<WorkshopSession>> list(RequestContext context) {
    Reach reach = Reach.of(context);
    if (reach.referent() != null) {
      return Future.failedFuture(Problem.forbidden("Les séances d'ateliers se consultent par l'opérateur, le territoire et le pilotage."));
    }
    return transactions.inTenant(context.tenant(), connection -> store.sessions(connection, reach, null));
  }

  public Future<WorkshopSession> get(RequestContext context, UUID id) {
    Reach reach = Reach.of(context);
    return transactions.inTenant(context.tenant(), connection -> one(connection, reach, id));
  }

  public Future<WorkshopSession> plan(RequestContext context, Planned planned) {
    String tenant = context.tenant();
    Reach reach = Reach.of(context);
    return transactions.inTenant(tenant, connection -> offers.find(connection, planned.offer()).compose(found -> {
      OfferItem item = found.orElseThrow(() -> PersonInput.invalid("offer", "Aucune offre « " + planned.offer() + " » dans ce département."));
      ActionTypeDescriptor type = orientations.actionTypes(tenant).get(item.actionType());
      if (type == null || type.mode() != FollowUpMode.COLLECTIVE_WORKSHOPS) {
        return Future.failedFuture(PersonInput.invalid("offer", "Les séances d'ateliers concernent les actions collectives ; « "
            + item.title() + " » est un accompagnement individuel."));
      }
      if (!item.territories().contains(planned.territory())) {
        return Future.failedFuture(PersonInput.invalid("territory", "Cette offre a des places sur : "
            + String.join(", ", item.territories()) + "."));
      }
      if (!reach.decidesFor(item.organisationId())) {
        return Future.failedFuture(Problem.forbidden("Seul l'opérateur qui porte l'action (ou le pilotage) planifie ses séances."));
      }
      return store.insertSession(connection, tenant, item.id(), planned.territory(), item.actionType(), item.organisationId(),
              planned.startsAt(), planned.theme(), planned.place(), planned.capacity())
          .compose(id -> audit.record(connection, tenant, context.actor().audited(), "workshop.planned", "workshop:" + id,
              new JsonObject().put("offer", item.id().toString()).put("territory", planned.territory())
                  .put("startsAt", planned.startsAt().toString()), context.requestId()).map(id))
          .compose(id -> one(connection, reach, id));
    }));
  }

  /** Registers a person oriented on the session's item; refused once the session is full. */
  public Future<WorkshopSession> register(RequestContext context, UUID sessionId, UUID personId) {
    String tenant = context.tenant();
    Reach reach = Reach.of(context);
    return transactions.inTenant(tenant, connection -> one(connection, reach, sessionId).compose(session -> {
      if (!reach.decidesFor(session.organisationId())) {
        return Future.failedFuture(Problem.forbidden("Seul l'opérateur qui porte l'action inscrit aux séances."));
      }
      return store.lockSession(connection, sessionId).compose(counts -> store.list(connection, Reach.wholeTenant(), personId,
          null, session.offerId(), 10).compose(list -> {
            if (list.stream().noneMatch(o -> o.state() == Orientation.State.IN || o.state() == Orientation.State.PROPOSED)) {
              return Future.failedFuture(PersonInput.invalid("person", "Cette personne n'est pas orientée sur cette action."));
            }
            if (counts.orElseThrow()[1] >= counts.get()[0]) {
              return Future.failedFuture(Problem.conflict("La séance est complète (" + counts.get()[0] + " places)."));
            }
            return store.register(connection, tenant, sessionId, personId);
          }))
          .compose(added -> audit.record(connection, tenant, context.actor().audited(), "workshop.registered",
              "workshop:" + sessionId, new JsonObject().put("person", personId.toString()), context.requestId()))
          .compose(done -> one(connection, reach, sessionId));
    }));
  }

  /** Records whether a registered person came: present, absent or excused. */
  public Future<WorkshopSession> mark(RequestContext context, UUID sessionId, UUID personId, String status) {
    if (status == null || !WorkshopSession.STATUSES.contains(status)) {
      return Future.failedFuture(PersonInput.invalid("status", "Indiquez present, absent, excused ou registered."));
    }
    String tenant = context.tenant();
    Reach reach = Reach.of(context);
    return transactions.inTenant(tenant, connection -> one(connection, reach, sessionId).compose(session -> {
      if (!reach.decidesFor(session.organisationId())) {
        return Future.failedFuture(Problem.forbidden("Seul l'opérateur qui porte l'action relève les présences."));
      }
      return store.mark(connection, sessionId, personId, status);
    }).compose(changed -> changed ? audit.record(connection, tenant, context.actor().audited(), "workshop.attendance",
        "workshop:" + sessionId, new JsonObject().put("person", personId.toString()).put("status", status), context.requestId())
        : Future.failedFuture(PersonInput.invalid("person", "Cette personne n'est pas inscrite à la séance.")))
        .compose(done -> one(connection, reach, sessionId)));
  }

  private Future<WorkshopSession> one(io.vertx.sqlclient.SqlConnection connection, Reach reach, UUID id) {
    return store.sessions(connection, reach.referent() != null ? new Reach(java.util.Set.of(), null, null) : reach, id)
        .map(list -> list.stream().findFirst().orElseThrow(() -> Problem.notFound("Aucune séance « " + id + " » dans votre périmètre.")));
  }
}
