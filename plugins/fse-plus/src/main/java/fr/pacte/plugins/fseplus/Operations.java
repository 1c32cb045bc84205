package fr.pacte.plugins.fseplus;

import fr.pacte.api.AuditTrail;
import fr.pacte.api.ConventionView;
import fr.pacte.api.ParticipationView;
import fr.pacte.api.PlatformData;
import fr.pacte.api.TenantScope;
import fr.pacte.api.TenantSql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What users do with FSE+ operations, one tenant transaction per action: operations linked to the tenant's
 * conventions, their plan and status, and their participants taken from the pathway (read through the platform's
 * data view, never typed twice) with what is collected for FSE+.
 */
final class Operations {

  /** An operation with the conventions it co-funds, as the platform's data view gives them. */
  record Detail(Operation operation, List<ConventionView> conventions) {
  }

  /** Who writes for the module itself (taking participants in from the pathway), in the audit trail. */
  static final String MODULE = "module fse-plus";

  private final PlatformData platform;
  private final AuditTrail audit;
  private final OperationStore store = new OperationStore();

  Operations(PlatformData platform, AuditTrail audit) {
    this.platform = platform;
    this.audit = audit;
  }

  /** Records a write in the audit trail, in its transaction, and signals it to the cluster once committed. */
  private Future<Void> audited(TenantSql sql, String actor, String action, String target, JsonObject details) {
    return audit.record(sql, actor, action, target, details);
  }

  Future<List<Operation>> list(TenantScope tenant) {
    return tenant.transaction(store::list);
  }

  Future<List<Operation>> list(TenantSql sql) {
    return store.list(sql);
  }

  /** Held until the transaction ends, so that one node at a time looks for and makes the demonstration. */
  Future<Void> lockDemonstration(TenantSql sql) {
    return store.lockDemonstration(sql);
  }

  Future<List<ConventionView>> conventions(TenantScope tenant) {
    return tenant.transaction(platform::conventions);
  }

  Future<UUID> create(TenantScope tenant, OperationInput.NewOperation input, String actor) {
    return tenant.transaction(sql -> create(sql, input, actor));
  }

  Future<UUID> create(TenantSql sql, OperationInput.NewOperation input, String actor) {
    return checkConventions(sql, input.conventions())
        .compose(ok -> store.insert(sql, input))
        .compose(id -> {
          Future<Void> links = Future.succeededFuture();
          for (UUID convention : input.conventions()) {
            links = links.compose(done -> store.link(sql, id, convention));
          }
          return links.compose(done -> audited(sql, actor, "operation.created", "operation:" + id, new JsonObject()
                  .put("title", input.title()).put("conventions", input.conventions().stream().map(UUID::toString).toList())))
              .compose(done -> store.get(sql, id)).compose(operation -> sync(sql, operation.orElseThrow()))
              .map(id);
        });
  }

  Future<Detail> get(TenantScope tenant, UUID id) {
    return tenant.transaction(sql -> operation(sql, id).compose(operation -> {
      List<ConventionView> conventions = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (UUID conventionId : operation.conventions()) {
        chain = chain.compose(done -> platform.convention(sql, conventionId).map(found -> {
          found.ifPresent(conventions::add);
          return null;
        }));
      }
      return chain.map(done -> new Detail(operation, conventions));
    }));
  }

  Future<Operation> savePlan(TenantScope tenant, UUID id, FinancingPlan plan, int version, String actor) {
    return tenant.transaction(sql -> savePlan(sql, id, plan, version, actor));
  }

  Future<Operation> savePlan(TenantSql sql, UUID id, FinancingPlan plan, int version, String actor) {
    return operation(sql, id)
        .compose(found -> store.updatePlan(sql, id, plan, version))
        .compose(saved -> saved.isPresent()
            ? audited(sql, actor, "operation.plan-saved", "operation:" + id, new JsonObject().put("version", saved.get())
                .put("costOption", plan.option().code).put("totalCents", plan.totalCents()).put("fseCents", plan.fseCents()))
                .compose(done -> operation(sql, id))
            : Future.failedFuture(Refusal.conflict()));
  }

  /** The realised costs of the operation, year by year. */
  Future<List<RealisedCosts>> realised(TenantScope tenant, UUID id) {
    return tenant.transaction(sql -> operation(sql, id).compose(found -> store.realised(sql, id)));
  }

  /** Saves a year's realised costs; the year must fall within the operation's period. */
  Future<RealisedCosts> saveRealised(TenantScope tenant, UUID id, RealisedCosts costs, int version, String actor) {
    return tenant.transaction(sql -> saveRealised(sql, id, costs, version, actor));
  }

  Future<RealisedCosts> saveRealised(TenantSql sql, UUID id, RealisedCosts costs, int version, String actor) {
    return operation(sql, id).compose(operation -> {
      if (costs.year() < operation.periodStart().getYear() || costs.year() > operation.periodEnd().getYear()) {
        return Future.failedFuture(Refusal.invalid("year", "L'année " + costs.year() + " n'est pas dans la période de "
            + "l'opération (" + operation.periodStart().getYear() + " à " + operation.periodEnd().getYear() + ")."));
      }
      return store.saveRealised(sql, id, costs, version).compose(saved -> saved.isPresent()
          ? audited(sql, actor, "realised-costs.saved", "operation:" + id, new JsonObject().put("year", costs.year())
                  .put("version", saved.get()).put("totalCents", costs.under(operation.plan()).totalCents()))
              .compose(done -> store.realised(sql, id))
              .map(all -> all.stream().filter(r -> r.year() == costs.year()).findFirst().orElseThrow())
          : Future.failedFuture(Refusal.conflict()));
    });
  }

  /** What may still be claimed from FSE+, with the claims made. */
  Future<Claimable> claimable(TenantScope tenant, UUID id) {
    return tenant.transaction(sql -> operation(sql, id).compose(operation -> claimable(sql, operation)));
  }

  /** A payment claim, refused (naming the field) above what may be claimed; the operation is locked meanwhile. */
  Future<PaymentClaim> claim(TenantScope tenant, UUID id, String kind, Long amountCents, LocalDate today, String actor) {
    return tenant.transaction(sql -> claim(sql, id, kind, amountCents, today, actor));
  }

  Future<PaymentClaim> claim(TenantSql sql, UUID id, String kind, Long amountCents, LocalDate today, String actor) {
    return store.lock(sql, id).compose(locked -> operation(sql, id))
        .compose(operation -> claimable(sql, operation))
        .compose(claimable -> {
          List<fr.pacte.api.FieldError> errors = claimable.errors(kind, amountCents);
          if (!errors.isEmpty()) {
            return Future.failedFuture(Refusal.invalid(errors));
          }
          return store.insertClaim(sql, id, kind, amountCents, today, claimable)
              .compose(claimId -> audited(sql, actor, "payment-claim.created", "payment-claim:" + claimId,
                  new JsonObject().put("operation", id.toString()).put("kind", kind).put("amountCents", amountCents))
                  .compose(done -> claim(sql, id, claimId)));
        });
  }

  /** Changes a claim still in preparation, weighed against what may be claimed without it; stale version: 409. */
  Future<PaymentClaim> editClaim(TenantScope tenant, UUID id, UUID claimId, String kind, Long amountCents,
                                 LocalDate today, int version, String actor) {
    return tenant.transaction(sql -> store.lock(sql, id).compose(locked -> operation(sql, id))
        .compose(operation -> claim(sql, id, claimId).compose(current -> {
          if (current.version() != version) {
            return Future.failedFuture(Refusal.conflict());
          }
          if (!current.draft()) {
            return Future.failedFuture(Refusal.invalid("kind", "La demande est " + PaymentClaim.STATUSES.get(current.status())
                .toLowerCase(java.util.Locale.FRENCH) + " : elle ne se modifie plus."));
          }
          return claimable(sql, operation, claimId).compose(claimable -> {
            List<fr.pacte.api.FieldError> errors = claimable.errors(kind, amountCents);
            if (!errors.isEmpty()) {
              return Future.failedFuture(Refusal.invalid(errors));
            }
            return store.updateClaim(sql, claimId, kind, amountCents, today, claimable, version)
                .compose(saved -> saved.isPresent()
                    ? audited(sql, actor, "payment-claim.changed", "payment-claim:" + claimId, new JsonObject()
                        .put("version", saved.get()).put("kind", kind).put("amountCents", amountCents))
                        .compose(done -> claim(sql, id, claimId))
                    : Future.failedFuture(Refusal.conflict()));
          });
        })));
  }

  /** Withdraws a claim not yet paid: it is kept, marked withdrawn, and no longer counts in what was claimed. */
  Future<PaymentClaim> withdrawClaim(TenantScope tenant, UUID id, UUID claimId, LocalDate today, int version,
                                     String actor) {
    return tenant.transaction(sql -> store.lock(sql, id).compose(locked -> claim(sql, id, claimId)).compose(current -> {
      if (current.version() != version) {
        return Future.failedFuture(Refusal.conflict());
      }
      if (current.status().equals("withdrawn")) {
        return Future.failedFuture(Refusal.invalid("confirmation", "La demande est déjà retirée."));
      }
      return store.withdrawClaim(sql, claimId, today, version).compose(saved -> saved.isPresent()
          ? audited(sql, actor, "payment-claim.withdrawn", "payment-claim:" + claimId, new JsonObject()
              .put("version", saved.get()).put("amountCents", current.amountCents()).put("previousStatus", current.status()))
              .compose(done -> claim(sql, id, claimId))
          : Future.failedFuture(Refusal.conflict()));
    }));
  }

  /** Records a service-done check of a claim in preparation. */
  Future<PaymentClaim> check(TenantScope tenant, UUID id, UUID claimId, ServiceCheck check, String actor) {
    return tenant.transaction(sql -> check(sql, id, claimId, check, actor));
  }

  Future<PaymentClaim> check(TenantSql sql, UUID id, UUID claimId, ServiceCheck check, String actor) {
    return store.lock(sql, id).compose(locked -> claim(sql, id, claimId)).compose(current -> {
      if (!current.draft()) {
        return Future.failedFuture(Refusal.invalid("subject", "Les vérifications se recueillent avant le dépôt de la "
            + "demande ; celle-ci est " + PaymentClaim.STATUSES.get(current.status()).toLowerCase(java.util.Locale.FRENCH) + "."));
      }
      Future<Void> sampled = check.participationId() == null ? Future.succeededFuture()
          : store.participant(sql, id, check.participationId()).compose(found -> found.isPresent()
              ? Future.succeededFuture()
              : Future.failedFuture(Refusal.invalid("participation", "Cette personne n'est pas participante de l'opération.")));
      return sampled.compose(ok -> store.insertCheck(sql, id, claimId, check))
          .compose(checkId -> audited(sql, actor, "service-check.recorded", "payment-claim:" + claimId, new JsonObject()
              .put("check", checkId.toString()).put("result", check.result()).put("subject", check.subject())))
          .compose(done -> claim(sql, id, claimId));
    });
  }

  /**
   * Submits a claim in preparation: it needs at least one service-done check and no non-compliance left (a
   * non-compliant check must be followed by one recording the gap as corrected), and is
   * weighed once more against what may be claimed (the realised costs may have changed since it was prepared).
   */
  Future<PaymentClaim> submitClaim(TenantScope tenant, UUID id, UUID claimId, LocalDate today, int version, String actor) {
    return tenant.transaction(sql -> submitClaim(sql, id, claimId, today, version, actor));
  }

  Future<PaymentClaim> submitClaim(TenantSql sql, UUID id, UUID claimId, LocalDate today, int version, String actor) {
    return store.lock(sql, id).compose(locked -> operation(sql, id)).compose(operation -> claim(sql, id, claimId)
        .compose(current -> {
          if (current.version() != version) {
            return Future.failedFuture(Refusal.conflict());
          }
          if (!current.draft()) {
            return Future.failedFuture(Refusal.invalid("status", "La demande est déjà "
                + PaymentClaim.STATUSES.get(current.status()).toLowerCase(java.util.Locale.FRENCH) + "."));
          }
          if (current.checks().isEmpty()) {
            return Future.failedFuture(Refusal.invalid("checks", "La demande ne peut être déposée qu'après au moins une "
                + "vérification de service fait : enregistrez ce qui a été vérifié et le résultat."));
          }
          if (current.nonComplianceLeft()) {
            return Future.failedFuture(Refusal.invalid("checks", "Une vérification de service fait est non conforme : "
                + "corrigez l'écart (et enregistrez-le comme corrigé) ou retirez la demande."));
          }
          return claimable(sql, operation, claimId).compose(claimable -> {
            List<fr.pacte.api.FieldError> errors = claimable.errors(current.kind(), current.amountCents());
            if (!errors.isEmpty()) {
              return Future.failedFuture(Refusal.invalid(errors));
            }
            return store.submitClaim(sql, claimId, today, version).compose(saved -> saved.isPresent()
                ? audited(sql, actor, "payment-claim.submitted", "payment-claim:" + claimId, new JsonObject()
                    .put("version", saved.get()).put("amountCents", current.amountCents()))
                    .compose(done -> claim(sql, id, claimId))
                : Future.failedFuture(Refusal.conflict()));
          });
        }));
  }

  Future<PaymentClaim> claim(TenantScope tenant, UUID id, UUID claimId) {
    return tenant.transaction(sql -> operation(sql, id).compose(found -> claim(sql, id, claimId)));
  }

  private Future<PaymentClaim> claim(TenantSql sql, UUID id, UUID claimId) {
    return store.claims(sql, id).compose(claims -> claims.stream().filter(c -> c.id().equals(claimId)).findFirst()
        .<Future<PaymentClaim>>map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Refusal.notFound("Aucune demande de paiement de l'opération n'a cet identifiant."))));
  }

  private Future<Claimable> claimable(TenantSql sql, Operation operation) {
    return claimable(sql, operation, null);
  }

  /** What may be claimed, leaving out the claim {@code without} (the one being changed or submitted). */
  private Future<Claimable> claimable(TenantSql sql, Operation operation, UUID without) {
    return store.realised(sql, operation.id()).compose(realised -> store.claims(sql, operation.id())
        .map(claims -> Claimable.of(operation.plan(), realised, claims.stream()
            .filter(c -> !c.id().equals(without)).toList())));
  }

  Future<Operation> moveTo(TenantScope tenant, UUID id, OperationStatus status, int version, String actor) {
    return tenant.transaction(sql -> moveTo(sql, id, status, version, actor));
  }

  Future<Operation> moveTo(TenantSql sql, UUID id, OperationStatus status, int version, String actor) {
    return operation(sql, id).compose(current -> {
      if (!current.status().mayMoveTo(status)) {
        return Future.failedFuture(Refusal.invalid("status", "L'opération ne peut pas passer de « "
            + current.status().label + " » à « " + status.label + " »."));
      }
      return store.updateStatus(sql, id, status, version)
          .compose(saved -> saved.isPresent()
              ? audited(sql, actor, "operation.status-changed", "operation:" + id, new JsonObject()
                  .put("version", saved.get()).put("from", current.status().code).put("to", status.code))
                  .compose(done -> operation(sql, id))
              : Future.failedFuture(Refusal.conflict()));
    });
  }

  /** The participants of an operation, brought up to date with the pathway first. */
  Future<List<Participant>> participants(TenantScope tenant, UUID id) {
    return tenant.transaction(sql -> operation(sql, id).compose(operation -> sync(sql, operation))
        .compose(done -> store.participants(sql, id)));
  }

  Future<Participant> participant(TenantScope tenant, UUID id, UUID participation) {
    return tenant.transaction(sql -> participant(sql, id, participation));
  }

  Future<Participant> saveEntry(TenantScope tenant, UUID id, UUID participation, EntryData data, LocalDate today,
                                int version, String actor) {
    return tenant.transaction(sql -> participant(sql, id, participation)
        .compose(p -> store.updateEntry(sql, id, participation, data, today, version))
        .compose(saved -> saved.isPresent() ? participantAudited(sql, id, participation, actor, "participant.entry-saved",
            saved.get()) : Future.failedFuture(Refusal.conflict())));
  }

  Future<Participant> saveExit(TenantScope tenant, UUID id, UUID participation, List<String> results, LocalDate today,
                               int version, String actor) {
    return tenant.transaction(sql -> participant(sql, id, participation).compose(p -> {
      if (p.exitDate() == null) {
        return Future.failedFuture(Refusal.invalid("exitResults",
            "La personne n'est pas sortie de l'action : les résultats à la sortie se recueillent après sa sortie."));
      }
      return store.updateExit(sql, id, participation, results, today, version)
          .compose(saved -> saved.isPresent() ? participantAudited(sql, id, participation, actor, "participant.exit-saved",
              saved.get()) : Future.failedFuture(Refusal.conflict()));
    }));
  }

  Future<Participant> saveSixMonths(TenantScope tenant, UUID id, UUID participation, boolean employed, boolean improved,
                                    LocalDate today, int version, String actor) {
    return tenant.transaction(sql -> participant(sql, id, participation).compose(p -> {
      if (p.exitDate() == null || today.isBefore(p.sixMonthsDueOn())) {
        return Future.failedFuture(Refusal.invalid("employed", p.exitDate() == null
            ? "La personne n'est pas sortie de l'action."
            : "La situation à six mois se recueille à partir du " + FrenchDates.day(p.sixMonthsDueOn()) + "."));
      }
      return store.updateSixMonths(sql, id, participation, employed, improved, today, version)
          .compose(saved -> saved.isPresent() ? participantAudited(sql, id, participation, actor,
              "participant.six-months-saved", saved.get()) : Future.failedFuture(Refusal.conflict()));
    }));
  }

  /** The record names the participation only: the values collected (some sensitive) stay out of the audit trail. */
  private Future<Participant> participantAudited(TenantSql sql, UUID id, UUID participation, String actor, String action,
                                                 int version) {
    return audited(sql, actor, action, "participation:" + participation, new JsonObject()
        .put("operation", id.toString()).put("version", version))
        .compose(done -> participant(sql, id, participation));
  }

  /** Participants, over every operation, whose six-month situation is due and not yet collected. */
  Future<List<Participant>> sixMonthsDue(TenantScope tenant, LocalDate today) {
    return tenant.transaction(sql -> store.list(sql).compose(operations -> {
      Future<Void> chain = Future.succeededFuture();
      for (Operation operation : operations) {
        chain = chain.compose(done -> sync(sql, operation));
      }
      return chain.compose(done -> store.sixMonthsDue(sql, today));
    }));
  }

  /** The operations a participation belongs to, with its FSE+ record in each (for its page's panel). */
  Future<List<Participant>> ofParticipation(TenantScope tenant, UUID participation) {
    return tenant.transaction(sql -> store.ofParticipation(sql, participation));
  }

  Future<List<Operation>> ofConvention(TenantScope tenant, UUID convention) {
    return tenant.transaction(sql -> store.operationsOf(sql, convention).compose(ids -> {
      List<Operation> operations = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (UUID id : ids) {
        chain = chain.compose(done -> store.get(sql, id).map(found -> {
          found.ifPresent(operations::add);
          return null;
        }));
      }
      return chain.map(done -> operations);
    }));
  }

  /**
   * A person entered or left an action: the operations co-funding a convention on that action's offer item take
   * the participation in, or bring it up to date.
   */
  Future<Void> onParticipation(TenantScope tenant, UUID participation) {
    return tenant.transaction(sql -> platform.participation(sql, participation).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture();
      }
      ParticipationView p = found.get();
      return platform.conventions(sql).compose(conventions -> {
        Future<Void> chain = Future.succeededFuture();
        for (ConventionView convention : conventions) {
          if (p.offerId().equals(convention.offerId())) {
            chain = chain.compose(done -> store.operationsOf(sql, convention.id()))
                .compose(ids -> {
                  Future<Void> each = Future.succeededFuture();
                  for (UUID id : ids) {
                    each = each.compose(done -> store.get(sql, id)).compose(operation -> operation.isPresent()
                        && within(operation.get(), p) ? takeIn(sql, id, p) : Future.succeededFuture());
                  }
                  return each;
                });
          }
        }
        return chain;
      });
    }));
  }

  private Future<Void> sync(TenantSql sql, Operation operation) {
    Future<Void> chain = Future.succeededFuture();
    for (UUID convention : operation.conventions()) {
      chain = chain.compose(done -> platform.participationsOf(sql, convention)).compose(participations -> {
        Future<Void> each = Future.succeededFuture();
        for (ParticipationView p : participations) {
          if (within(operation, p)) {
            each = each.compose(done -> takeIn(sql, operation.id(), p));
          }
        }
        return each;
      });
    }
    return chain;
  }

  /** Takes a participation in (or brings it up to date); audited only when it changed something. */
  private Future<Void> takeIn(TenantSql sql, UUID operation, ParticipationView p) {
    return store.upsert(sql, operation, p).compose(changed -> changed
        ? audited(sql, MODULE, "participant.taken-from-pathway", "participation:" + p.id(), new JsonObject()
            .put("operation", operation.toString()).put("exited", p.exitDate() != null))
        : Future.succeededFuture());
  }

  private static boolean within(Operation operation, ParticipationView p) {
    return p.entryDate() != null && !p.entryDate().isBefore(operation.periodStart())
        && !p.entryDate().isAfter(operation.periodEnd());
  }

  private Future<Void> checkConventions(TenantSql sql, List<UUID> ids) {
    Future<Void> chain = Future.succeededFuture();
    for (UUID id : ids) {
      chain = chain.compose(done -> platform.convention(sql, id)).compose(found -> found.isPresent()
          ? Future.succeededFuture()
          : Future.failedFuture(Refusal.invalid("conventions", "Aucune convention du département n'a l'identifiant " + id + ".")));
    }
    return chain;
  }

  private Future<Operation> operation(TenantSql sql, UUID id) {
    return store.get(sql, id).compose(found -> found.<Future<Operation>>map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Refusal.notFound("Aucune opération FSE+ n'a cet identifiant."))));
  }

  private Future<Participant> participant(TenantSql sql, UUID id, UUID participation) {
    return store.participant(sql, id, participation).compose(found -> found.<Future<Participant>>map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(Refusal.notFound("Cette personne n'est pas participante de l'opération."))));
  }
}
