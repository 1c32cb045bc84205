package fr.pacte.server.pathways;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.offer.OfferStore;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Self-positioning: a person asks to join an action from the public offer page, with a short form and no account;
 * the operator then confirms (the person is created, with their référent, and oriented as « auto-positionnement »)
 * or declines. Abuse is slowed down: the form carries the anonymous CSRF token, an address may send
 * {@value #PER_ADDRESS_PER_HOUR} requests an hour and a tenant receives {@value #PER_TENANT_PER_HOUR} at most; only a
 * one-way hash of the address is kept, and a request is deleted once decided.
 */
public final class SelfPositioningService {

  static final int PER_ADDRESS_PER_HOUR = 3;
  static final int PER_TENANT_PER_HOUR = 300;

  private final TenantTransactions transactions;
  private final PersonService people;
  private final OrientationService orientations;
  private final AuditStore audit;
  private final SelfPositioningStore store = new SelfPositioningStore();
  private final OfferStore offers = new OfferStore();

  public SelfPositioningService(TenantTransactions transactions, PersonService people, OrientationService orientations,
                                AuditStore audit) {
    this.transactions = transactions;
    this.people = people;
    this.orientations = orientations;
    this.audit = audit;
  }

  /** The public item a person may ask to join: current, of an enabled action type, with places. */
  public Future<OfferItem> item(String tenant, UUID offerId, LocalDate today) {
    return transactions.inTenant(tenant, connection -> offers.find(connection, offerId)).map(found -> found
        .filter(item -> orientations.actionTypes(tenant).containsKey(item.actionType()) && item.current(today)
            && !item.places().isEmpty())
        .orElseThrow(() -> Problem.notFound("Aucune action « " + offerId + " » ouverte aux demandes dans ce département.")));
  }

  /** Records a request from the public page; answers 429 past the limits, 400 naming the fields. */
  public Future<UUID> receive(String tenant, UUID offerId, JsonObject body, String address, Instant now, LocalDate today) {
    return item(tenant, offerId, today).compose(item -> {
      SelfPositioning request = parse(body, item, today);
      String hash = hash(tenant + "|" + address);
      return transactions.inTenant(tenant, connection -> store.recent(connection, hash, now.minusSeconds(3600).atOffset(ZoneOffset.UTC))
          .compose(counts -> {
            if (counts[0] >= PER_ADDRESS_PER_HOUR || counts[1] >= PER_TENANT_PER_HOUR) {
              return Future.failedFuture(new Problem(429, "trop-de-demandes", "Trop de demandes",
                  "Trop de demandes ont été envoyées depuis cette connexion : réessayez dans une heure, ou contactez "
                      + "directement la structure qui porte l'action.", List.of()));
            }
            return store.insert(connection, tenant, request, hash);
          })
          .compose(id -> audit.record(connection, tenant, "public", "self-positioning.received", "self-positioning:" + id,
              new JsonObject().put("offer", offerId.toString()).put("territory", request.territory()), null).map(id)));
    });
  }

  /** The requests waiting for a decision in the caller's reach: an operator's own items, a territory's. */
  public Future<List<SelfPositioning>> list(RequestContext context) {
    Reach reach = Reach.of(context);
    if (reach.referent() != null) {
      return Future.succeededFuture(List.of());
    }
    return transactions.inTenant(context.tenant(), connection -> store.list(connection, reach));
  }

  /**
   * Confirms a request: creates the person with the référent and RSA status the confirming user states (or takes the
   * person named by {@code person}), orients them on the item as « auto-positionnement », and deletes the request. If
   * the orientation is refused (not eligible), the person stays linked to the request for the next attempt.
   */
  public Future<OrientationService.Placed> confirm(RequestContext context, UUID id, JsonObject body) {
    String tenant = context.tenant();
    return decidable(context, id).compose(request -> {
      Object named = body.getValue("person");
      if (named != null && !(named instanceof String)) {
        return Future.failedFuture(PersonInput.invalid("person", "Un identifiant (UUID) est attendu."));
      }
      UUID existing;
      try {
        existing = PathwayApi.uuid((String) named, "person");
      } catch (Problem problem) {
        return Future.failedFuture(problem);
      }
      Future<UUID> person = existing != null ? Future.succeededFuture(existing)
          : request.personId() != null ? Future.succeededFuture(request.personId())
          : people.territoryCodes(tenant).map(codes -> PersonInput.parse(personBody(request, body, context.today()), codes,
                  PersonService.referentOf(context), context.today()))
              .compose(parsed -> people.create(context, parsed))
              .compose(created -> created.person() == null
                  ? Future.failedFuture(PathwayApi.duplicatesProblem(created.duplicates()))
                  : transactions.inTenant(tenant, connection -> store.person(connection, id, created.person().id()))
                      .map(created.person().id()));
      return person.compose(personId -> orientations.orient(context, personId, request.offerId(), request.territory(),
              "auto-positionnement", "Auto-positionnement depuis l'offre publique"
                  + (request.message() == null ? "" : " : « " + request.message() + " »")))
          .compose(placed -> transactions.inTenant(tenant, connection -> store.delete(connection, id)
              .compose(done -> audit.record(connection, tenant, context.actor().audited(), "self-positioning.confirmed",
                  "self-positioning:" + id, new JsonObject().put("orientation", placed.orientation().id().toString()),
                  context.requestId()))).map(placed));
    });
  }

  /** Declines a request: it is deleted, with an audit line that keeps no personal data. */
  public Future<Void> decline(RequestContext context, UUID id, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      return Future.failedFuture(PersonInput.invalid("reason", "Indiquez pourquoi la demande n'est pas retenue (500 caractères au plus)."));
    }
    String tenant = context.tenant();
    return decidable(context, id).compose(request -> transactions.inTenant(tenant, connection -> store.delete(connection, id)
        .compose(done -> audit.record(connection, tenant, context.actor().audited(), "self-positioning.declined",
            "self-positioning:" + id, new JsonObject().put("offer", request.offerId().toString()).put("reason", reason),
            context.requestId()))));
  }

  private Future<SelfPositioning> decidable(RequestContext context, UUID id) {
    Reach reach = Reach.of(context);
    return transactions.inTenant(context.tenant(), connection -> store.lock(connection, id)).compose(found -> {
      SelfPositioning request = found.orElse(null);
      if (request == null || reach.referent() != null
          || reach.organisation() != null && !reach.organisation().equals(request.organisationId())
          || reach.territories() != null && !reach.territories().contains(request.territory())) {
        return Future.failedFuture(Problem.notFound("Aucune demande « " + id + " » dans votre périmètre."));
      }
      return Future.succeededFuture(request);
    });
  }

  /** The person as the request gave them, with what the confirming user states (référent, RSA status checked). */
  static JsonObject personBody(SelfPositioning request, JsonObject body, LocalDate today) {
    JsonObject person = new JsonObject().put("familyName", request.familyName()).put("firstNames", request.firstNames())
        .put("birthDate", request.birthDate().toString()).put("commune", request.commune())
        .put("territory", request.territory()).put("email", request.email()).put("phone", request.phone());
    Object rsa = body.containsKey("rsaRecipient") ? body.getValue("rsaRecipient") : request.rsaRecipient();
    person.put("rsaRecipient", rsa);
    boolean recipient = Boolean.TRUE.equals(rsa) || "true".equals(rsa) || "on".equals(rsa);
    person.put("rsaCheckedOn", body.getValue("rsaCheckedOn", recipient ? today.toString() : null));
    if (body.containsKey("iaeEligible")) {
      person.put("iaeEligible", body.getValue("iaeEligible"));
    }
    person.put("referent", body.getValue("referent", new JsonObject()));
    person.put("confirmDuplicates", body.getValue("confirmDuplicates", false));
    return person;
  }

  static SelfPositioning parse(JsonObject body, OfferItem item, LocalDate today) {
    Fields f = Fields.of(body);
    String family = f.line("familyName", 100);
    String first = f.line("firstNames", 100);
    LocalDate birth = PersonInput.date(f, "birthDate", true);
    if (birth != null && (birth.isAfter(today.minusYears(16)) || birth.isBefore(today.minusYears(120)))) {
      f.error("birthDate", "La date de naissance doit être vraisemblable (16 ans au moins).");
    }
    String commune = f.line("commune", 100);
    String territory = f.line("territory", 80);
    String email = f.line("email", 200);
    String phone = f.line("phone", 30);
    String rsa = f.line("rsaRecipient", 10);
    String message = f.text("message", 500);
    Boolean consent = f.bool("consent");
    if (family == null) {
      f.error("familyName", "Indiquez votre nom de famille.");
    }
    if (first == null) {
      f.error("firstNames", "Indiquez votre prénom.");
    }
    if (commune == null) {
      f.error("commune", "Indiquez votre commune.");
    }
    if (territory == null || !item.territories().contains(territory)) {
      f.error("territory", "Choisissez le territoire où vous souhaitez suivre l'action.");
    }
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      f.error("email", "Adresse de courriel invalide.");
    }
    if (phone != null && !phone.matches("[+0-9 .()-]{6,30}")) {
      f.error("phone", "Numéro de téléphone invalide.");
    }
    if (blank(body.getValue("email")) && blank(body.getValue("phone"))) {
      f.error("phone", "Indiquez un téléphone ou un courriel pour que la structure vous recontacte.");
    }
    if (rsa == null || !rsa.matches("oui|non|ne-sait-pas")) {
      f.error("rsaRecipient", "Indiquez si vous êtes allocataire du RSA (oui, non, je ne sais pas).");
    }
    if (!Boolean.TRUE.equals(consent)) {
      f.error("consent", "Cochez la case pour que la structure et le Département puissent traiter votre demande.");
    }
    f.throwIfAny();
    return new SelfPositioning(null, item.id(), item.title(), territory, item.organisationId(), family, first, birth,
        commune, email, phone, "oui".equals(rsa) ? Boolean.TRUE : "non".equals(rsa) ? Boolean.FALSE : null, message, null,
        null);
  }

  private static boolean blank(Object value) {
    return value == null || value instanceof String text && text.isBlank();
  }

  private static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
