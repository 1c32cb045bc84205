package fr.pacte.server.conventions;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.server.audit.AuditStore;
import fr.pacte.server.conventions.Convention.State;
import fr.pacte.server.database.TenantTransactions;
import fr.pacte.server.organisations.Organisation;
import fr.pacte.server.organisations.OrganisationStore;
import fr.pacte.server.plugins.InstalledPlugin;
import fr.pacte.server.plugins.PluginService;
import fr.pacte.server.requests.RequestContext;
import fr.pacte.server.tenancy.Tenant;
import fr.pacte.server.tenancy.TenantService;
import fr.pacte.server.tenancy.TenantStore.TenantSummary;
import fr.pacte.server.web.Problem;
import fr.pacte.server.web.Problem.FieldError;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Conventions of a tenant: entered and edited as drafts, signed (year 1 firm by the attribution deliberation),
 * their yearly tranches voted or not renewed, amended, paid and terminated. Every change is versioned (a stale
 * version is a 409 and changes nothing) and audited in the transaction that makes it. Who sees what is decided
 * here: the département's staff see every convention, a territory agent those touching its territories, an
 * operator those its organisation is party to.
 */
public final class ConventionService {

  private final TenantTransactions transactions;
  private final TenantService tenants;
  private final PluginService plugins;
  private final AuditStore audit;
  private final ConventionStore store = new ConventionStore();
  private final OrganisationStore organisations = new OrganisationStore();
  private final ConventionDocumentStore documents = new ConventionDocumentStore();

  public ConventionService(TenantTransactions transactions, TenantService tenants, PluginService plugins, AuditStore audit) {
    this.transactions = transactions;
    this.tenants = tenants;
    this.plugins = plugins;
    this.audit = audit;
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

  public String departementName(String tenant) {
    return tenants.find(tenant).map(TenantSummary::name).orElse(tenant);
  }

  /** Reads terms sent for this tenant: action types of its enabled plugins, its territories. */
  public Future<Terms> parse(String tenant, JsonObject body) {
    return territories(tenant).map(list -> ConventionInput.terms(body, units(tenant), codes(list), departementName(tenant)));
  }

  public Future<ConventionInput.AmendmentInput> parseAmendment(String tenant, JsonObject body) {
    return territories(tenant).map(list -> ConventionInput.amendment(body, units(tenant), codes(list), departementName(tenant)));
  }

  /** The conventions the caller may see. */
  public Future<List<Convention>> list(RequestContext context) {
    return transactions.inTenant(context.tenant(), store::list)
        .map(all -> all.stream().filter(c -> visible(context, c)).toList());
  }

  public Future<Convention> get(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> store.find(connection, id))
        .map(found -> found.orElseThrow(() -> missing(id)))
        .compose(convention -> visible(context, convention) ? Future.succeededFuture(convention)
            : Future.failedFuture(Problem.forbidden("Cette convention ne concerne ni votre organisation ni vos territoires.")));
  }

  public Future<Convention> create(RequestContext context, Terms terms) {
    return staff(context).compose(ok -> transactions.inTenant(context.tenant(), connection -> created(connection, context, terms)));
  }

  private Future<Convention> created(SqlConnection connection, RequestContext context, Terms terms) {
    String tenant = context.tenant();
    return checked(connection, terms, null)
        .compose(done -> store.insert(connection, tenant, terms))
        .compose(id -> audit.record(connection, tenant, context.actor().audited(), "convention.created", "convention:" + id,
            summary(terms).put("version", 1).put("application", terms.applicationId() == null ? null
                : terms.applicationId().toString()).put("lot", terms.lot()), context.requestId()).map(id))
        .compose(id -> found(connection, id));
  }

  /** What makes a convention of a selected project: the project, the reference to give it, and optional dates. */
  public record FromDecision(UUID application, String lot, String reference, LocalDate periodStart, String departementSiret) {
  }

  /** The selected projects of the tenant's decisions that have no convention yet. */
  public Future<List<ConventionStore.Awaiting>> awaiting(RequestContext context) {
    if (context.scope() == null || !context.scope().isWholeTenant()) {
      return Future.succeededFuture(List.of());
    }
    return transactions.inTenant(context.tenant(), store::awaiting);
  }

  /**
   * Makes the draft convention of a project the committee selected, in one step: the organisation (and its
   * groupement), the lot's action type, the territories and yearly objectives, the budget and co-funders of each
   * year, the amount decided (shared between the years as the amounts asked were) and the deliberation come over.
   * What the amount decided leaves of the eligible cost is the organisation's own share, written as such. Years run
   * from 1 January after the committee unless another start is given.
   */
  public Future<Convention> fromDecision(RequestContext context, FromDecision input) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> territories(tenant)).compose(known -> transactions.inTenant(tenant, connection ->
        store.conventionOfProject(connection, input.application(), input.lot()).compose(existing -> existing.isPresent()
            ? Future.<Optional<ConventionStore.SelectedProject>>failedFuture(Problem.conflict("Ce projet a déjà sa convention « "
                + existing.get() + " »."))
            : store.selectedProject(connection, input.application(), input.lot()))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.failedFuture(Problem.notFound("Aucun projet retenu pour le lot « " + input.lot()
                + " » de cette candidature dans les décisions de ce département."));
          }
          JsonObject body = termsOf(found.get(), input, tenant);
          Terms terms;
          try {
            terms = ConventionInput.terms(body, units(tenant), codes(known), departementName(tenant));
          } catch (Problem problem) {
            return Future.failedFuture(problem);
          }
          return created(connection, context, terms);
        })));
  }

  /** The terms a selected project gives, as the API's JSON (checked then like any convention entered). */
  static JsonObject termsOf(ConventionStore.SelectedProject project, FromDecision input, String tenant) {
    Integer cap = project.capPercent();
    fr.pacte.server.calls.Budget budget = fr.pacte.server.calls.Budget.fromStored(project.budget(), cap);
    List<fr.pacte.server.calls.Budget.Year> years = budget.years();
    long asked = years.stream().mapToLong(fr.pacte.server.calls.Budget.Year::requestedCents).sum();
    long given = 0;
    io.vertx.core.json.JsonArray yearArray = new io.vertx.core.json.JsonArray();
    int capPercent = cap == null ? 100 : cap;
    for (int i = 0; i < years.size(); i++) {
      fr.pacte.server.calls.Budget.Year year = years.get(i);
      long departement = i == years.size() - 1 ? project.amountCents() - given
          : asked == 0 ? project.amountCents() / years.size()
          : java.math.BigDecimal.valueOf(project.amountCents()).multiply(java.math.BigDecimal.valueOf(year.requestedCents()))
              .divide(java.math.BigDecimal.valueOf(asked), 0, java.math.RoundingMode.DOWN).longValueExact();
      given += departement;
      io.vertx.core.json.JsonArray coFunders = new io.vertx.core.json.JsonArray();
      long coFunding = 0;
      for (fr.pacte.server.calls.Budget.Cofunding c : year.cofunding()) {
        coFunders.add(new JsonObject().put("kind", kindOf(c.funder())).put("name", c.funder()).put("amountCents", c.amountCents())
            .put("status", c.status() == fr.pacte.server.calls.Budget.Status.OBTAINED ? "granted" : "requested"));
        coFunding += c.amountCents();
      }
      Terms.Year figures = new Terms.Year(i + 1, year.directCents(), year.indirectCents(), departement, List.of());
      long own = Funding.eligibleCents(figures, capPercent) - departement - coFunding;
      if (own > 0) {
        coFunders.add(new JsonObject().put("kind", "autre").put("name", "Autofinancement de l'organisation")
            .put("amountCents", own).put("status", "granted"));
      }
      yearArray.add(new JsonObject().put("directCents", year.directCents()).put("indirectCents", year.indirectCents())
          .put("departementCents", departement).put("coFunders", coFunders));
    }
    LocalDate start = input.periodStart() != null ? input.periodStart()
        : LocalDate.of(project.committeeDate().getYear() + 1, 1, 1);
    io.vertx.core.json.JsonArray objectives = new io.vertx.core.json.JsonArray();
    project.objectives().forEach(o -> {
      JsonObject objective = (JsonObject) o;
      objectives.add(new JsonObject().put("year", objective.getValue("year")).put("territory", objective.getValue("territory"))
          .put("target", objective.getValue("target")));
    });
    return new JsonObject().put("reference", input.reference()).put("title", project.title() == null || project.title().isBlank()
            ? "Convention d'objectifs et de moyens" : project.title())
        .put("actionType", project.actionType()).put("organisation", project.organisation())
        .put("members", new io.vertx.core.json.JsonArray(project.members()))
        .put("departement", new JsonObject().put("siret", input.departementSiret()))
        .put("periodStart", start.toString())
        .put("periodEnd", start.plusYears(Math.max(1, years.size())).minusDays(1).toString())
        .put("objectives", objectives).put("indirectCostCapPercent", capPercent).put("years", yearArray)
        .put("decision", new JsonObject().put("date", project.committeeDate().toString())
            .put("reference", project.committee() + " du " + Convention.dayLabel(project.committeeDate()) + ", "
                + project.deliberationRef()))
        .put("callId", project.callId().toString()).put("applicationId", input.application().toString())
        .put("lot", input.lot());
  }

  /** The kind of a co-funder named in words by the applicant. */
  static String kindOf(String funder) {
    String name = funder == null ? "" : java.text.Normalizer.normalize(funder, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT);
    if (name.contains("fse")) {
      return "fse-plus";
    }
    if (name.contains("france travail") || name.contains("pole emploi")) {
      return "france-travail";
    }
    if (name.contains("etat") || name.contains("ddets") || name.contains("dreets") || name.contains("prefecture")) {
      return "etat";
    }
    if (name.contains("commune") || name.contains("epci") || name.contains("communaute") || name.contains("metropole")
        || name.contains("ville") || name.contains("agglomeration")) {
      return "commune-epci";
    }
    return "autre";
  }

  /** Changes a draft if nobody changed it since {@code expectedVersion}; a signed convention changes by amendment only. */
  public Future<Convention> update(RequestContext context, UUID id, Terms terms, int expectedVersion) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> transactions.inTenant(tenant, connection -> lockedAt(connection, id, expectedVersion)
        .compose(state -> state == State.DRAFT ? Future.<Void>succeededFuture() : Future.failedFuture(Problem.conflict(
            "Cette convention est signée : ses termes ne changent plus que par avenant.")))
        .compose(done -> checked(connection, terms, id))
        .compose(done -> store.updateTerms(connection, id, terms))
        .compose(done -> audit.record(connection, tenant, context.actor().audited(), "convention.updated", "convention:" + id,
            summary(terms).put("version", expectedVersion + 1), context.requestId()))
        .compose(done -> found(connection, id))));
  }

  /**
   * Signs a draft: year 1 becomes firm, voted by the attribution deliberation the terms name; the next years stay
   * provisional until their own deliberation. The offer item it names gets its places.
   */
  public Future<Convention> sign(RequestContext context, UUID id, ConventionInput.Signature signature, int expectedVersion) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> transactions.inTenant(tenant, connection -> lockedAt(connection, id, expectedVersion)
        .compose(state -> state == State.DRAFT ? Future.<Void>succeededFuture()
            : Future.failedFuture(Problem.conflict("Cette convention est déjà signée.")))
        .compose(done -> found(connection, id))
        .compose(convention -> {
          Terms terms = convention.terms();
          List<FieldError> errors = new ArrayList<>();
          if (terms.decision().date() == null || terms.decision().reference() == null) {
            errors.add(new FieldError("decision", "Indiquez la délibération qui attribue la subvention (date et référence) "
                + "avant de signer : elle rend la première année ferme."));
          } else if (signature.signedOn().isBefore(terms.decision().date())) {
            errors.add(new FieldError("signedOn", "La convention ne peut être signée avant la délibération qui l'approuve ("
                + Convention.dayLabel(terms.decision().date()) + ")."));
          }
          if (terms.years().isEmpty()) {
            errors.add(new FieldError("years", "Donnez le budget de chaque année avant de signer."));
          }
          if (terms.signatories().stream().noneMatch(s -> "departement".equals(s.party()))
              || terms.signatories().stream().noneMatch(s -> terms.organisation().equals(s.party()))) {
            errors.add(new FieldError("signatories", "Une convention signée nomme le signataire du Département et celui de "
                + "l'organisation, avec leur qualité."));
          }
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.validation(errors));
          }
          Future<Void> tranches = store.sign(connection, id, signature.signedOn());
          for (Terms.Year year : terms.years()) {
            Tranche tranche = year.year() == 1
                ? new Tranche(1, Tranche.VOTED, year.departementCents(), terms.decision().date(), terms.decision().reference())
                : new Tranche(year.year(), Tranche.PROVISIONAL, null, null, null);
            tranches = tranches.compose(done -> store.saveTranche(connection, tenant, id, tranche));
          }
          return tranches.compose(done -> fundPlaces(connection, context, terms))
              .compose(done -> audit.record(connection, tenant, context.actor().audited(), "convention.signed",
                  "convention:" + id, new JsonObject().put("signedOn", signature.signedOn().toString())
                      .put("firstYearCents", terms.years().get(0).departementCents()).put("version", expectedVersion + 1),
                  context.requestId()));
        })
        .compose(done -> found(connection, id))));
  }

  /**
   * Records the deliberation on a year's tranche: voted (at most the amount the terms plan; less is allowed) or not
   * renewed. The previous year's tranche must have been decided first, and by an earlier (or the same day's)
   * deliberation.
   */
  public Future<Convention> vote(RequestContext context, UUID id, int year, ConventionInput.Vote vote, int expectedVersion) {
    return staff(context).compose(ok -> transactions.inTenant(context.tenant(),
        connection -> vote(connection, context, id, year, vote, expectedVersion)));
  }

  /**
   * The vote of a tranche within the caller's transaction, so that a decision that leads to it (the comité de pilotage
   * on the yearly evaluation) is written with it or not at all.
   */
  public Future<Convention> vote(SqlConnection connection, RequestContext context, UUID id, int year,
                                 ConventionInput.Vote vote, int expectedVersion) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> lockedAt(connection, id, expectedVersion)
        .compose(state -> signedOnly(state))
        .compose(done -> found(connection, id))
        .compose(convention -> {
          Terms terms = convention.terms();
          Terms.Year planned = terms.year(year);
          if (planned == null) {
            return Future.failedFuture(Problem.notFound("La convention compte " + terms.years().size()
                + " année(s) : pas d'année " + year + "."));
          }
          Tranche current = convention.tranche(year);
          List<FieldError> errors = new ArrayList<>();
          if (!current.provisional()) {
            errors.add(new FieldError("decision", "La tranche de l'année " + year + " est déjà décidée ("
                + current.statusLabel().toLowerCase() + ")."));
          }
          if (year > 1) {
            Tranche previous = convention.tranche(year - 1);
            if (previous.provisional()) {
              errors.add(new FieldError("deliberationDate", "La tranche de l'année " + (year - 1)
                  + " n'est pas encore votée : votez les tranches dans l'ordre des années."));
            } else if (previous.notRenewed() && vote.renewed()) {
              errors.add(new FieldError("decision", "La tranche de l'année " + (year - 1)
                  + " n'a pas été reconduite : la convention ne peut reprendre que par avenant."));
            } else if (previous.deliberationDate() != null && vote.deliberationDate().isBefore(previous.deliberationDate())) {
              errors.add(new FieldError("deliberationDate", "Cette délibération (" + Convention.dayLabel(vote.deliberationDate())
                  + ") précède celle qui a voté l'année " + (year - 1) + " (" + Convention.dayLabel(previous.deliberationDate())
                  + ")."));
            }
          }
          if (vote.deliberationDate().isAfter(terms.yearEnd(year))) {
            errors.add(new FieldError("deliberationDate", "La délibération doit intervenir au plus tard le dernier jour de "
                + "l'année qu'elle finance (" + Convention.dayLabel(terms.yearEnd(year)) + ")."));
          }
          if (vote.renewed() && vote.votedCents() > planned.departementCents()) {
            errors.add(new FieldError("votedCents", "Le montant voté (" + Convention.euros(vote.votedCents())
                + ") dépasse celui que la convention prévoit pour l'année " + year + " (" + Convention.euros(planned.departementCents())
                + ") : un avenant est nécessaire."));
          }
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.validation(errors));
          }
          Tranche decided = new Tranche(year, vote.renewed() ? Tranche.VOTED : Tranche.NOT_RENEWED,
              vote.renewed() ? vote.votedCents() : null, vote.deliberationDate(), vote.deliberationReference());
          return store.saveTranche(connection, tenant, id, decided)
              .compose(done -> store.touch(connection, id))
              .compose(done -> audit.record(connection, tenant, context.actor().audited(), "convention.tranche-decided",
                  "convention:" + id, new JsonObject().put("year", year).put("status", decided.status())
                      .put("votedCents", decided.votedCents()).put("plannedCents", planned.departementCents())
                      .put("deliberation", vote.deliberationReference()).put("version", expectedVersion + 1),
                  context.requestId()));
        })
        .compose(done -> found(connection, id)));
  }

  /** Records a payment on a voted tranche, never above what is voted for that year, within the convention's dates. */
  public Future<Convention> pay(RequestContext context, UUID id, Payment payment, int expectedVersion) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> transactions.inTenant(tenant, connection -> lockedAt(connection, id, expectedVersion)
        .compose(state -> signedOnly(state))
        .compose(done -> found(connection, id))
        .compose(convention -> {
          Terms terms = convention.terms();
          List<FieldError> errors = new ArrayList<>();
          Tranche tranche = convention.tranche(payment.year());
          if (terms.year(payment.year()) == null) {
            errors.add(new FieldError("year", "La convention compte " + terms.years().size() + " année(s)."));
          } else if (!tranche.voted()) {
            errors.add(new FieldError("year", "La tranche de l'année " + payment.year() + " n'est pas votée ("
                + tranche.statusLabel().toLowerCase() + ") : rien ne peut être payé sur elle."));
          } else {
            long paid = convention.payments().stream().filter(p -> p.year() == payment.year()).mapToLong(Payment::amountCents).sum();
            long left = tranche.votedCents() - paid;
            if (payment.amountCents() > left) {
              errors.add(new FieldError("amountCents", "Ce paiement (" + Convention.euros(payment.amountCents())
                  + ") dépasse ce qui reste dû sur la tranche votée de l'année " + payment.year() + " ("
                  + Convention.euros(left) + " sur " + Convention.euros(tranche.votedCents()) + ")."));
            }
          }
          LocalDate earliest = convention.signedOn().isBefore(terms.periodStart()) ? convention.signedOn() : terms.periodStart();
          LocalDate latest = terms.periodEnd().plusYears(1);
          if (payment.paidOn().isBefore(earliest) || payment.paidOn().isAfter(latest)) {
            errors.add(new FieldError("paidOn", "La date de paiement doit tomber entre la signature ou le début de la convention ("
                + Convention.dayLabel(earliest) + ") et un an après sa fin (" + Convention.dayLabel(latest) + ")."));
          }
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.validation(errors));
          }
          return store.insertPayment(connection, tenant, id, payment)
              .compose(paymentId -> store.touch(connection, id)
                  .compose(done -> audit.record(connection, tenant, context.actor().audited(), "convention.payment-recorded",
                      "convention:" + id, new JsonObject().put("payment", paymentId.toString()).put("year", payment.year())
                          .put("kind", payment.kind()).put("amountCents", payment.amountCents())
                          .put("mandate", payment.mandateReference()).put("version", expectedVersion + 1),
                      context.requestId())));
        })
        .compose(done -> found(connection, id))));
  }

  /**
   * Amends a signed convention: the new terms are in force from the amendment's date, the former ones kept with it;
   * what changed is written in words. Years added are provisional; a year with a voted tranche cannot be removed.
   */
  public Future<Convention> amend(RequestContext context, UUID id, ConventionInput.AmendmentInput input, int expectedVersion) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> transactions.inTenant(tenant, connection -> lockedAt(connection, id, expectedVersion)
        .compose(state -> signedOnly(state))
        .compose(done -> found(connection, id))
        .compose(convention -> {
          Terms before = convention.terms();
          Terms after = input.terms();
          List<FieldError> errors = new ArrayList<>();
          if (!after.reference().equals(before.reference()) || !after.organisation().equals(before.organisation())
              || !after.actionType().equals(before.actionType()) || !after.periodStart().equals(before.periodStart())) {
            errors.add(new FieldError("terms", "Un avenant ne change ni la référence, ni l'organisation signataire, ni le type "
                + "d'action, ni le début de la convention."));
          }
          LocalDate end = after.periodEnd().isAfter(before.periodEnd()) ? after.periodEnd() : before.periodEnd();
          if (input.effectiveFrom().isBefore(before.periodStart()) || input.effectiveFrom().isAfter(end)) {
            errors.add(new FieldError("effectiveFrom", "Un avenant prend effet pendant la période de la convention ("
                + Convention.dayLabel(before.periodStart()) + " – " + Convention.dayLabel(end) + ")."));
          }
          if (input.signedOn().isBefore(convention.signedOn())) {
            errors.add(new FieldError("signedOn", "Un avenant ne peut être signé avant la convention ("
                + Convention.dayLabel(convention.signedOn()) + ")."));
          }
          for (Tranche tranche : convention.tranches()) {
            if (!tranche.provisional() && after.year(tranche.year()) == null) {
              errors.add(new FieldError("terms.periodEnd", "L'année " + tranche.year() + " a une tranche décidée : "
                  + "la période ne peut pas être raccourcie avant elle."));
            }
          }
          List<String> changes = changes(before, after);
          if (changes.isEmpty()) {
            errors.add(new FieldError("terms", "Cet avenant ne change rien aux termes de la convention."));
          }
          if (!errors.isEmpty()) {
            return Future.failedFuture(Problem.validation(errors));
          }
          Amendment amendment = new Amendment(convention.amendments().size() + 1, input.signedOn(), input.effectiveFrom(),
              input.object(), changes, before, after);
          return checked(connection, after, id)
              .compose(done -> {
                Future<Void> tranches = store.dropTranchesAfter(connection, id, after.years().size());
                for (Terms.Year year : after.years()) {
                  if (before.year(year.year()) == null) {
                    tranches = tranches.compose(saved -> store.saveTranche(connection, tenant, id,
                        new Tranche(year.year(), Tranche.PROVISIONAL, null, null, null)));
                  }
                }
                return tranches;
              })
              .compose(done -> store.updateTerms(connection, id, after))
              .compose(done -> store.insertAmendment(connection, tenant, id, amendment))
              .compose(done -> fundPlaces(connection, context, after))
              .compose(done -> audit.record(connection, tenant, context.actor().audited(), "convention.amended",
                  "convention:" + id, new JsonObject().put("number", amendment.number())
                      .put("effectiveFrom", amendment.effectiveFrom().toString())
                      .put("changes", new io.vertx.core.json.JsonArray(changes)).put("version", expectedVersion + 1),
                  context.requestId()));
        })
        .compose(done -> found(connection, id))));
  }

  public Future<Convention> terminate(RequestContext context, UUID id, ConventionInput.Termination termination,
                                      int expectedVersion) {
    String tenant = context.tenant();
    return staff(context).compose(ok -> transactions.inTenant(tenant, connection -> lockedAt(connection, id, expectedVersion)
        .compose(state -> state == State.TERMINATED ? Future.<Void>failedFuture(Problem.conflict("Cette convention est déjà résiliée."))
            : Future.<Void>succeededFuture())
        .compose(done -> store.terminate(connection, id, Convention.dayLabel(termination.on()) + " : " + termination.reason()))
        .compose(done -> audit.record(connection, tenant, context.actor().audited(), "convention.terminated",
            "convention:" + id, new JsonObject().put("on", termination.on().toString()).put("reason", termination.reason())
                .put("version", expectedVersion + 1), context.requestId()))
        .compose(done -> found(connection, id))));
  }

  /** Each call's envelope and what the conventions made from its selection fund: the département's staff only. */
  public Future<List<ConventionViews.EnvelopeRow>> envelopes(RequestContext context) {
    if (context.scope() == null || !context.scope().isWholeTenant()) {
      return Future.failedFuture(Problem.forbidden("Les enveloppes des appels à projets sont suivies par les services du département."));
    }
    Map<String, ActionTypeDescriptor> types = actionTypes(context.tenant());
    return transactions.inTenant(context.tenant(), connection -> store.list(connection)
        .compose(conventions -> store.calls(connection).map(calls -> ConventionViews.envelopes(calls, conventions,
            code -> types.containsKey(code) ? types.get(code).label().fr() : code))));
  }

  /** The names of the groups of the figures: action types and territories by code, organisations by id. */
  public Future<Map<String, String>> labels(RequestContext context, List<Convention> conventions) {
    Map<String, String> labels = new LinkedHashMap<>();
    actionTypes(context.tenant()).forEach((code, type) -> labels.put(code, type.label().fr()));
    conventions.forEach(c -> labels.put(c.terms().organisation(), c.organisationName()));
    return territories(context.tenant()).map(list -> {
      list.forEach(t -> labels.put(t.code(), t.name()));
      return labels;
    });
  }

  /** A convention the caller sees with the wording of its text: the tenant's template, else Pacte's default. */
  public record Text(Convention convention, String template) {
  }

  public Future<Text> text(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> seen(connection, context, id)
        .compose(convention -> store.template(connection)
            .map(own -> new Text(convention, own.orElseGet(ConventionText::defaultTemplate)))));
  }

  /** Keeps a tenant's wording of the convention's text (from its folder), in the seed's transaction. */
  public Future<Void> saveTemplate(SqlConnection connection, String tenant, String body) {
    return store.saveTemplate(connection, tenant, body);
  }

  /** The documents attached to a convention the caller sees, newest first. */
  public Future<List<ConventionDocument>> documents(RequestContext context, UUID id) {
    return transactions.inTenant(context.tenant(), connection -> seen(connection, context, id)
        .compose(convention -> documents.ofConvention(connection, id)));
  }

  /**
   * Attaches a document to a convention: the programme manager any kind; the operator party to it its yearly bilans
   * only; others none. Audited in the same transaction.
   */
  public Future<ConventionDocument> attach(RequestContext context, UUID id, ConventionDocument.Upload upload) {
    String tenant = context.tenant();
    return transactions.inTenant(tenant, connection -> seen(connection, context, id).compose(convention -> {
      boolean staff = context.scope().isWholeTenant() && context.holds(fr.pacte.server.identity.Permission.MANAGE_CONVENTIONS);
      boolean operatorBilan = context.scope().organisation() != null && "bilan".equals(upload.kind());
      if (!staff && !operatorBilan) {
        return Future.failedFuture(Problem.forbidden(context.scope().organisation() != null
            ? "L'organisation dépose les bilans annuels de ses conventions ; les autres documents sont déposés par le Département."
            : "Seul le pilotage de l'offre du département dépose les documents d'une convention."));
      }
      if (upload.year() != null && upload.year() > convention.terms().years().size()) {
        return Future.failedFuture(Problem.validation(List.of(new FieldError("year", "L'année est celle de la convention, de 1 à "
            + convention.terms().years().size() + "."))));
      }
      return documents.insert(connection, tenant, id, upload, context.actor().audited())
          .compose(document -> audit.record(connection, tenant, context.actor().audited(), "convention.document-attached",
              "convention:" + id, new JsonObject().put("document", document.toString()).put("kind", upload.kind())
                  .put("label", upload.label()).put("fileName", upload.fileName()).put("sha256", upload.sha256()),
              context.requestId()).map(document))
          .compose(document -> documents.ofConvention(connection, id).map(list -> list.stream()
              .filter(d -> d.id().equals(document)).findFirst().orElseThrow()));
    }));
  }

  /** The file of a document attached to a convention the caller sees. */
  public Future<ConventionDocumentStore.Content> documentContent(RequestContext context, UUID id, UUID document) {
    return transactions.inTenant(context.tenant(), connection -> seen(connection, context, id)
        .compose(convention -> documents.content(connection, id, document))
        .map(found -> found.orElseThrow(() -> Problem.notFound("Aucun document « " + document + " » pour cette convention."))));
  }

  /** The convention if the caller may see it: 404 when there is none in the tenant, 403 when out of its scope. */
  private Future<Convention> seen(SqlConnection connection, RequestContext context, UUID id) {
    return found(connection, id).compose(convention -> visible(context, convention) ? Future.succeededFuture(convention)
        : Future.failedFuture(Problem.forbidden("Cette convention ne concerne ni votre organisation ni vos territoires.")));
  }

  /**
   * The open-data rows of the tenant's signed conventions above {@code thresholdCents}, and the conventions above it
   * left out because the schema's required identifiers are missing (with what to complete).
   */
  public record Subsidies(List<java.util.Map<String, Object>> rows, List<String> incomplete) {
  }

  public Future<Subsidies> subsidies(String tenant, long thresholdCents) {
    return transactions.inTenant(tenant, connection -> store.list(connection)
        .compose(conventions -> organisations.all(connection).map(list -> {
          Map<String, Organisation> byId = new LinkedHashMap<>();
          list.forEach(o -> byId.put(o.id(), o));
          List<Convention> complete = new ArrayList<>();
          List<String> incomplete = new ArrayList<>();
          for (Convention convention : conventions) {
            if (convention.signedOn() == null || convention.committedCents() <= thresholdCents) {
              continue;
            }
            List<String> missing = new ArrayList<>();
            if (convention.terms().departement().siret() == null) {
              missing.add("le SIRET du Département");
            }
            Organisation beneficiary = byId.get(convention.terms().organisation());
            if (beneficiary == null || beneficiary.siret() == null) {
              missing.add("le SIRET de " + convention.organisationName());
            }
            if (convention.terms().decision().reference() == null) {
              missing.add("la référence de la délibération");
            }
            if (missing.isEmpty()) {
              complete.add(convention);
            } else {
              incomplete.add(convention.terms().reference() + " : " + String.join(", ", missing) + " à renseigner");
            }
          }
          return new Subsidies(SubsidiesFile.rows(complete, byId, thresholdCents), incomplete);
        })));
  }

  /** The tenant's organisations, for the form's choice of parties. */
  public Future<List<Organisation>> organisations(String tenant) {
    return transactions.inTenant(tenant, organisations::all);
  }

  /** The needs of the tenant's calls: action type → territory → target. */
  public Future<Map<String, Map<String, Integer>>> needs(String tenant) {
    return transactions.inTenant(tenant, store::needs);
  }

  /** Whether the tenant has any convention yet. */
  public Future<Boolean> any(String tenant) {
    return transactions.inTenant(tenant, store::any);
  }

  /** What an amendment changes, in words: period, amounts per year, objectives per year and territory, the rest. */
  static List<String> changes(Terms before, Terms after) {
    List<String> changes = new ArrayList<>();
    if (!before.periodEnd().equals(after.periodEnd())) {
      changes.add("Période : fin au " + Convention.dayLabel(after.periodEnd()) + " au lieu du "
          + Convention.dayLabel(before.periodEnd()) + ".");
    }
    int years = Math.max(before.years().size(), after.years().size());
    for (int y = 1; y <= years; y++) {
      Terms.Year was = before.year(y);
      Terms.Year now = after.year(y);
      long wasCents = was == null ? 0 : was.departementCents();
      long nowCents = now == null ? 0 : now.departementCents();
      if (wasCents != nowCents) {
        changes.add("Montant du Département, année " + y + " : " + Convention.euros(nowCents) + " au lieu de "
            + Convention.euros(wasCents) + ".");
      }
      if (was != null && now != null && (was.totalCents() != now.totalCents() || !was.coFunders().equals(now.coFunders()))) {
        changes.add("Budget de l'année " + y + " : " + Convention.euros(now.totalCents()) + ", cofinancements "
            + Convention.euros(now.coFundingCents()) + ".");
      }
    }
    Set<String> territories = new LinkedHashSet<>(before.territories());
    territories.addAll(after.territories());
    for (int y = 1; y <= years; y++) {
      for (String territory : territories) {
        int was = before.objective(y, territory);
        int now = after.objective(y, territory);
        if (was != now) {
          changes.add("Objectif de l'année " + y + " sur « " + territory + " » : " + now + " au lieu de " + was + ".");
        }
      }
    }
    if (!before.territories().equals(after.territories())) {
      changes.add("Territoires : " + String.join(", ", after.territories()) + ".");
    }
    if (!Objects.equals(before.means(), after.means())) {
      changes.add("Moyens mis en œuvre.");
    }
    if (!Objects.equals(before.title(), after.title())) {
      changes.add("Objet : « " + after.title() + " ».");
    }
    if (!Objects.equals(before.signatories(), after.signatories()) || !Objects.equals(before.members(), after.members())) {
      changes.add("Parties et signataires.");
    }
    if (!Objects.equals(before.evaluation(), after.evaluation()) || !Objects.equals(before.renewal(), after.renewal())
        || !Objects.equals(before.payment(), after.payment())) {
      changes.add("Évaluation, reconduction ou modalités de paiement.");
    }
    return changes;
  }

  /** The year whose objectives are the places now: the year of {@code today}, the first before, the last after. */
  static int placesYear(Terms terms, LocalDate today) {
    if (today.isBefore(terms.periodStart())) {
      return 1;
    }
    int year = terms.yearOf(today);
    return year == 0 ? terms.years().size() : year;
  }

  /** The offer item a signed convention names gets the year's objectives as its places per territory. */
  private Future<Void> fundPlaces(SqlConnection connection, RequestContext context, Terms terms) {
    if (terms.offerId() == null) {
      return Future.succeededFuture();
    }
    int year = placesYear(terms, context.today());
    Map<String, Integer> places = new LinkedHashMap<>();
    for (String territory : terms.territories()) {
      places.put(territory, terms.objective(year, territory));
    }
    return store.fundPlaces(connection, context.tenant(), terms.offerId(), places);
  }

  /** Organisations known, the reference free, the offer item of the same organisation and action type. */
  private Future<Void> checked(SqlConnection connection, Terms terms, UUID id) {
    List<FieldError> errors = new ArrayList<>();
    List<String> organisations = new ArrayList<>();
    organisations.add(terms.organisation());
    organisations.addAll(terms.members());
    Future<Void> checks = Future.succeededFuture();
    for (int i = 0; i < organisations.size(); i++) {
      String organisation = organisations.get(i);
      String field = i == 0 ? "organisation" : "members[" + (i - 1) + "]";
      checks = checks.compose(done -> store.organisationExists(connection, organisation).map(known -> {
        if (!known) {
          errors.add(new FieldError(field, "Aucune organisation « " + organisation + " » dans ce département."));
        }
        return null;
      }));
    }
    checks = checks.compose(done -> store.referenceTaken(connection, terms.reference(), id).map(taken -> {
      if (taken) {
        errors.add(new FieldError("reference", "Une autre convention a déjà la référence « " + terms.reference() + " »."));
      }
      return null;
    }));
    if (terms.offerId() != null) {
      checks = checks.compose(done -> store.offer(connection, terms.offerId()).map(offer -> {
        if (offer.isEmpty()) {
          errors.add(new FieldError("offerId", "Aucune offre « " + terms.offerId() + " » dans ce département."));
        } else if (!offer.get().getKey().equals(terms.organisation()) || !offer.get().getValue().equals(terms.actionType())) {
          errors.add(new FieldError("offerId", "L'offre liée doit être celle de l'organisation signataire pour ce type d'action."));
        }
        return null;
      }));
    }
    return checks.compose(done -> errors.isEmpty() ? Future.<Void>succeededFuture() : Future.failedFuture(Problem.validation(errors)));
  }

  private Future<State> lockedAt(SqlConnection connection, UUID id, int expectedVersion) {
    return store.lock(connection, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(missing(id));
      }
      int version = found.get().getKey();
      if (version != expectedVersion) {
        return Future.failedFuture(Problem.conflict("Cette convention a été modifiée entre-temps (version " + version
            + ", vous aviez la version " + expectedVersion + "). Rechargez-la : vos changements n'ont pas été enregistrés."));
      }
      return Future.succeededFuture(found.get().getValue());
    });
  }

  private static Future<Void> signedOnly(State state) {
    if (state == State.DRAFT) {
      return Future.failedFuture(Problem.conflict("Cette convention n'est pas encore signée."));
    }
    if (state == State.TERMINATED) {
      return Future.failedFuture(Problem.conflict("Cette convention est résiliée."));
    }
    return Future.succeededFuture();
  }

  private Future<Convention> found(SqlConnection connection, UUID id) {
    return store.find(connection, id).map(found -> found.orElseThrow(() -> missing(id)));
  }

  /** Staff only: an operator or a territory agent reads conventions but never changes them. */
  private static Future<Void> staff(RequestContext context) {
    if (context.scope() == null || !context.scope().isWholeTenant()) {
      return Future.failedFuture(Problem.forbidden("Seul le pilotage de l'offre du département modifie les conventions."));
    }
    return Future.succeededFuture();
  }

  /** The département's staff see all; a territory agent those on its territories; an operator those it is party to. */
  static boolean visible(RequestContext context, Convention convention) {
    if (context.scope() == null) {
      return false;
    }
    if (context.scope().organisation() != null) {
      return convention.involves(context.scope().organisation());
    }
    if (context.scope().territories().isEmpty()) {
      return true;
    }
    return convention.terms().territories().stream().anyMatch(context.scope().territories()::contains);
  }

  private Map<String, String> units(String tenant) {
    Map<String, String> units = new LinkedHashMap<>();
    actionTypes(tenant).forEach((code, type) -> units.put(code, type.capacityUnit().name()));
    return units;
  }

  private static Set<String> codes(List<Tenant.Territory> territories) {
    Set<String> codes = new LinkedHashSet<>();
    territories.forEach(t -> codes.add(t.code()));
    return codes;
  }

  private static JsonObject summary(Terms terms) {
    return new JsonObject().put("reference", terms.reference()).put("organisation", terms.organisation())
        .put("actionType", terms.actionType()).put("periodStart", terms.periodStart().toString())
        .put("periodEnd", terms.periodEnd().toString()).put("departementCents", terms.departementTotalCents());
  }

  private static Problem missing(UUID id) {
    return Problem.notFound("Aucune convention « " + id + " » dans ce département.");
  }

  /** The panels the modules enabled in the tenant add to a convention's page (e.g. its FSE+ co-funding). */
  public Future<List<Map<String, Object>>> panels(RequestContext context, UUID id) {
    return plugins.panels(fr.pacte.api.PagePanel.Place.CONVENTION, context.tenant(), id, context.principal())
        .map(panels -> panels.stream().map(fr.pacte.server.plugins.HostPluginContexts.Panel::view).toList());
  }
}
