package fr.pacte.plugins.fseplus;

import fr.pacte.api.ConventionView;
import fr.pacte.api.ParticipationView;
import fr.pacte.api.PlatformData;
import fr.pacte.api.TenantScope;
import fr.pacte.api.TenantSql;
import io.vertx.core.Future;
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

  private final PlatformData platform;
  private final OperationStore store = new OperationStore();

  Operations(PlatformData platform) {
    this.platform = platform;
  }

  Future<List<Operation>> list(TenantScope tenant) {
    return tenant.transaction(store::list);
  }

  Future<List<ConventionView>> conventions(TenantScope tenant) {
    return tenant.transaction(platform::conventions);
  }

  Future<UUID> create(TenantScope tenant, OperationInput.NewOperation input) {
    return tenant.transaction(sql -> checkConventions(sql, input.conventions())
        .compose(ok -> store.insert(sql, input))
        .compose(id -> {
          Future<Void> links = Future.succeededFuture();
          for (UUID convention : input.conventions()) {
            links = links.compose(done -> store.link(sql, id, convention));
          }
          return links.compose(done -> store.get(sql, id)).compose(operation -> sync(sql, operation.orElseThrow()))
              .map(id);
        }));
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

  Future<Operation> savePlan(TenantScope tenant, UUID id, FinancingPlan plan, int version) {
    return tenant.transaction(sql -> operation(sql, id)
        .compose(found -> store.updatePlan(sql, id, plan, version))
        .compose(saved -> saved.isPresent() ? operation(sql, id) : Future.failedFuture(Refusal.conflict())));
  }

  /** The realised costs of the operation, year by year. */
  Future<List<RealisedCosts>> realised(TenantScope tenant, UUID id) {
    return tenant.transaction(sql -> operation(sql, id).compose(found -> store.realised(sql, id)));
  }

  /** Saves a year's realised costs; the year must fall within the operation's period. */
  Future<RealisedCosts> saveRealised(TenantScope tenant, UUID id, RealisedCosts costs, int version) {
    return tenant.transaction(sql -> operation(sql, id).compose(operation -> {
      if (costs.year() < operation.periodStart().getYear() || costs.year() > operation.periodEnd().getYear()) {
        return Future.failedFuture(Refusal.invalid("year", "L'année " + costs.year() + " n'est pas dans la période de "
            + "l'opération (" + operation.periodStart().getYear() + " à " + operation.periodEnd().getYear() + ")."));
      }
      return store.saveRealised(sql, id, costs, version).compose(saved -> saved.isPresent()
          ? store.realised(sql, id).map(all -> all.stream().filter(r -> r.year() == costs.year()).findFirst().orElseThrow())
          : Future.failedFuture(Refusal.conflict()));
    }));
  }

  /** What may still be claimed from FSE+, with the claims made. */
  Future<Claimable> claimable(TenantScope tenant, UUID id) {
    return tenant.transaction(sql -> operation(sql, id).compose(operation -> claimable(sql, operation)));
  }

  /** A payment claim, refused (naming the field) above what may be claimed; the operation is locked meanwhile. */
  Future<PaymentClaim> claim(TenantScope tenant, UUID id, String kind, Long amountCents, LocalDate today) {
    return tenant.transaction(sql -> store.lock(sql, id).compose(locked -> operation(sql, id))
        .compose(operation -> claimable(sql, operation))
        .compose(claimable -> {
          List<fr.pacte.api.FieldError> errors = claimable.errors(kind, amountCents);
          if (!errors.isEmpty()) {
            return Future.failedFuture(Refusal.invalid(errors));
          }
          return store.insertClaim(sql, id, kind, amountCents, today, claimable)
              .compose(claimId -> claim(sql, id, claimId));
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
    return store.realised(sql, operation.id()).compose(realised -> store.claims(sql, operation.id())
        .map(claims -> Claimable.of(operation.plan(), realised, claims)));
  }

  Future<Operation> moveTo(TenantScope tenant, UUID id, OperationStatus status, int version) {
    return tenant.transaction(sql -> operation(sql, id).compose(current -> {
      if (!current.status().mayMoveTo(status)) {
        return Future.failedFuture(Refusal.invalid("status", "L'opération ne peut pas passer de « "
            + current.status().label + " » à « " + status.label + " »."));
      }
      return store.updateStatus(sql, id, status, version)
          .compose(saved -> saved.isPresent() ? operation(sql, id) : Future.failedFuture(Refusal.conflict()));
    }));
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
                                int version) {
    return tenant.transaction(sql -> participant(sql, id, participation)
        .compose(p -> store.updateEntry(sql, id, participation, data, today, version))
        .compose(saved -> saved.isPresent() ? participant(sql, id, participation) : Future.failedFuture(Refusal.conflict())));
  }

  Future<Participant> saveExit(TenantScope tenant, UUID id, UUID participation, List<String> results, LocalDate today,
                               int version) {
    return tenant.transaction(sql -> participant(sql, id, participation).compose(p -> {
      if (p.exitDate() == null) {
        return Future.failedFuture(Refusal.invalid("exitResults",
            "La personne n'est pas sortie de l'action : les résultats à la sortie se recueillent après sa sortie."));
      }
      return store.updateExit(sql, id, participation, results, today, version)
          .compose(saved -> saved.isPresent() ? participant(sql, id, participation) : Future.failedFuture(Refusal.conflict()));
    }));
  }

  Future<Participant> saveSixMonths(TenantScope tenant, UUID id, UUID participation, boolean employed, boolean improved,
                                    LocalDate today, int version) {
    return tenant.transaction(sql -> participant(sql, id, participation).compose(p -> {
      if (p.exitDate() == null || today.isBefore(p.sixMonthsDueOn())) {
        return Future.failedFuture(Refusal.invalid("employed", p.exitDate() == null
            ? "La personne n'est pas sortie de l'action."
            : "La situation à six mois se recueille à partir du " + FrenchDates.day(p.sixMonthsDueOn()) + "."));
      }
      return store.updateSixMonths(sql, id, participation, employed, improved, today, version)
          .compose(saved -> saved.isPresent() ? participant(sql, id, participation) : Future.failedFuture(Refusal.conflict()));
    }));
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
                        && within(operation.get(), p) ? store.upsert(sql, id, p) : Future.succeededFuture());
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
            each = each.compose(done -> store.upsert(sql, operation.id(), p));
          }
        }
        return each;
      });
    }
    return chain;
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
