package fr.pacte.server.pathways;

import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.identity.Actor;
import fr.pacte.server.mail.Mail;
import fr.pacte.server.mail.Outbox;
import fr.pacte.server.offer.OfferItem;
import fr.pacte.server.offer.OfferStore;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.Fields;
import fr.pacte.server.web.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Self-positioning: a person asks to join an action from the public offer page, with a short form and no account;
 * the operator then confirms (the person is created, with their référent, and oriented as « auto-positionnement »)
 * or declines. Abuse is slowed down: the form carries the anonymous CSRF token, an address may send
 * {@value #PER_ADDRESS_PER_HOUR} requests an hour and a tenant receives {@value #PER_TENANT_PER_HOUR} at most; only a
 * one-way hash of the address is kept, and a request is deleted once decided. A request nobody decides expires
 * ({@link SelfPositioning#DAYS_TO_DECIDE} days after the day it was received, in the tenant's zone): the person is told
 * by e-mail when they left an address, and the request, shown « Expirée » meanwhile, is erased
 * {@link SelfPositioning#DAYS_KEPT_EXPIRED} days later.
 */
public final class SelfPositioningService {

  static final int PER_ADDRESS_PER_HOUR = 3;
  static final int PER_TENANT_PER_HOUR = 300;

  private final TenantTransactions transactions;
  private final PersonService people;
  private final OrientationService orientations;
  private final AuditStore audit;
  private final TenantService tenants;
  private final Outbox outbox;
  private final SelfPositioningStore store = new SelfPositioningStore();
  private final OfferStore offers = new OfferStore();

  public SelfPositioningService(TenantTransactions transactions, PersonService people, OrientationService orientations,
                                AuditStore audit, TenantService tenants, Outbox outbox) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.outbox = outbox;
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
   * Confirms a request in one transaction: creates the person with the référent and RSA status the confirming user
   * states (or takes the person named by {@code person}), orients them on the item as « auto-positionnement », and
   * deletes the request. If any part fails (the person not eligible, already positioned, possible duplicates not
   * confirmed past), nothing is written and the request stays as it was, to be confirmed again or declined.
   */
  public Future<OrientationService.Placed> confirm(RequestContext context, UUID id, JsonObject body) {
    String tenant = context.tenant();
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
    return people.territoryCodes(tenant).compose(codes -> orientations.prescriberKinds(tenant).compose(kinds ->
        transactions.inTenant(tenant, connection -> decidable(connection, context, id).compose(request -> {
          if (request.expired()) {
            return Future.failedFuture(Problem.conflict("Cette demande a expiré le " + OrientationService.FRENCH_DATE.format(
                request.expiredAt().atZoneSameInstant(context.zone())) + ", faute de décision dans les "
                + SelfPositioning.DAYS_TO_DECIDE + " jours : la personne peut envoyer une nouvelle demande."));
          }
          // A request confirmed before confirmations were one transaction may name the person made then.
          UUID known = existing != null ? existing : request.personId();
          Future<PersonService.Created> person = known != null
              ? Future.succeededFuture(new PersonService.Created(null, List.of()))
              : people.create(connection, context, PersonInput.parse(personBody(request, body, context.today()), codes,
                  PersonService.referentOf(context), context.today()));
          return person.compose(created -> {
            if (known == null && created.person() == null) {
              // Only the logged read of the possible duplicates is committed; the caller is shown them.
              return Future.succeededFuture(new Confirmation(null, created.duplicates()));
            }
            UUID personId = known != null ? known : created.person().id();
            return orientations.orient(connection, context, personId, request.offerId(), request.territory(),
                    "auto-positionnement", "Auto-positionnement depuis l'offre publique"
                        + (request.message() == null ? "" : " : « " + request.message() + " »"), kinds)
                .compose(placed -> store.delete(connection, id)
                    .compose(done -> audit.record(connection, tenant, context.actor().audited(), "self-positioning.confirmed",
                        "self-positioning:" + id, new JsonObject().put("orientation", placed.orientation().id().toString()),
                        context.requestId()))
                    .map(new Confirmation(placed, List.of())));
          });
        }))))
        .compose(confirmation -> confirmation.placed() == null
            ? Future.failedFuture(PathwayApi.duplicatesProblem(confirmation.duplicates()))
            : orientations.withEligibility(context, confirmation.placed()));
  }

  private record Confirmation(OrientationService.Placed placed, List<Person> duplicates) {
  }

  /**
   * Expires, in every tenant, the requests still undecided after {@link SelfPositioning#DAYS_TO_DECIDE} days (counted
   * in the tenant's zone), tells each person who left an e-mail address, and erases the requests expired more than
   * {@link SelfPositioning#DAYS_KEPT_EXPIRED} days ago. Every node may run it: one UPDATE per tenant takes each
   * request once (see {@link SelfPositioningStore#expire}). Returns how many requests expired.
   */
  public Future<Integer> expire(Instant now) {
    List<Future<Integer>> perTenant = new ArrayList<>();
    for (TenantSummary summary : tenants.all()) {
      String tenant = summary.slug();
      ZoneId zone = tenants.zone(tenant);
      LocalDate today = LocalDate.ofInstant(now, zone);
      // Received before the start of (today - 30) means the deadline (reception day + 30) is already past.
      OffsetDateTime receivedBefore = today.minusDays(SelfPositioning.DAYS_TO_DECIDE).atStartOfDay(zone).toOffsetDateTime();
      OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
      perTenant.add(transactions.inTenant(tenant, connection -> store.expire(connection, receivedBefore, at)
          .compose(expired -> {
            Future<Void> chain = Future.succeededFuture();
            for (SelfPositioning request : expired) {
              chain = chain.compose(done -> tell(connection, tenant, summary.displayName(), request, zone))
                  .compose(done -> audit.record(connection, tenant, Actor.system("délai de décision").audited(),
                      "self-positioning.expired", "self-positioning:" + request.id(), new JsonObject()
                          .put("offer", request.offerId().toString()).put("personTold", request.email() != null), null));
            }
            return chain.compose(done -> store.eraseExpired(connection, at.minusDays(SelfPositioning.DAYS_KEPT_EXPIRED)))
                .map(expired.size());
          })));
    }
    return Future.all(perTenant).map(all -> perTenant.stream().mapToInt(Future::result).sum());
  }

  /** The mail telling a person their request expired, sent if they left an address (a phone is for the operator). */
  private Future<Void> tell(SqlConnection connection, String tenant, String tenantName, SelfPositioning request, ZoneId zone) {
    if (request.email() == null) {
      return Future.succeededFuture();
    }
    String received = OrientationService.FRENCH_DATE.format(request.receivedAt().atZoneSameInstant(zone));
    return outbox.enqueue(connection, tenant, new Mail(request.email(), "Votre demande de participation à « "
        + request.offerTitle() + " »", "Bonjour " + request.firstNames() + ",\n\n"
        + "Vous avez demandé le " + received + " à participer à l'action « " + request.offerTitle() + " » ("
        + tenantName + "). La structure qui porte l'action n'a pas pu l'examiner dans le délai de "
        + SelfPositioning.DAYS_TO_DECIDE + " jours : votre demande a expiré et vos coordonnées seront effacées dans "
        + SelfPositioning.DAYS_KEPT_EXPIRED + " jours.\n\n"
        + "Si vous souhaitez toujours participer, vous pouvez envoyer une nouvelle demande depuis l'offre d'insertion, "
        + "ou en parler à votre référent de parcours.\n", "self-positioning:" + request.id())).mapEmpty();
  }

  /** Declines a request: it is deleted, with an audit line that keeps no personal data. */
  public Future<Void> decline(RequestContext context, UUID id, String reason) {
    if (reason == null || reason.isBlank() || reason.length() > 500) {
      return Future.failedFuture(PersonInput.invalid("reason", "Indiquez pourquoi la demande n'est pas retenue (500 caractères au plus)."));
    }
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> decidable(connection, context, id).compose(request -> store.delete(connection, id)
        .compose(done -> audit.record(connection, tenant, context.actor().audited(), "self-positioning.declined",
            "self-positioning:" + id, new JsonObject().put("offer", request.offerId().toString()).put("reason", reason),
            context.requestId()))));
  }

  /** The request, locked until the end of the caller's transaction, if the caller may decide on it. */
  private Future<SelfPositioning> decidable(SqlConnection connection, RequestContext context, UUID id) {
    Reach reach = Reach.of(context);
    return store.lock(connection, id).compose(found -> {
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
        null, null);
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
