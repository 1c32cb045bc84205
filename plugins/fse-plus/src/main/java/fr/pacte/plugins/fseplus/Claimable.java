package fr.pacte.plugins.fseplus;

import fr.pacte.api.FieldError;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What may still be claimed from FSE+ for an operation: the co-funding rate of the plan applied to the eligible costs
 * realised so far (each year under the plan's cost option), never more than the FSE+ amount of the plan, minus what
 * was already claimed. Once the balance is claimed, nothing more can be.
 */
record Claimable(long realisedTotalCents, long fseDueCents, long alreadyClaimedCents, boolean balanceClaimed,
                 List<PaymentClaim> claims) {

  static Claimable of(FinancingPlan plan, List<RealisedCosts> realised, List<PaymentClaim> claims) {
    long total = realised.stream().mapToLong(r -> r.under(plan).totalCents()).sum();
    long due = Math.min(FinancingPlan.percentOf(total, plan.fseRatePercent()), plan.fseCents());
    long claimed = claims.stream().filter(PaymentClaim::counts).mapToLong(PaymentClaim::amountCents).sum();
    boolean balance = claims.stream().filter(PaymentClaim::counts).anyMatch(c -> c.kind().equals("balance"));
    return new Claimable(total, due, claimed, balance, claims);
  }

  long claimableCents() {
    return balanceClaimed ? 0 : Math.max(0, fseDueCents - alreadyClaimedCents);
  }

  /** What is wrong with a claim of {@code amountCents} of this kind; empty when it can be made. */
  List<FieldError> errors(String kind, Long amountCents) {
    List<FieldError> errors = new ArrayList<>();
    if (kind == null || !PaymentClaim.KINDS.containsKey(kind)) {
      errors.add(new FieldError("kind", "Choisissez le type de demande : avance, paiement intermédiaire ou solde."));
    } else if (balanceClaimed) {
      errors.add(new FieldError("kind", "Le solde a déjà été demandé : l'opération n'admet plus de demande de paiement."));
    }
    if (amountCents == null || amountCents <= 0) {
      errors.add(new FieldError("amountCents", "Indiquez le montant demandé, en centimes d'euro, supérieur à zéro."));
    } else if (amountCents > claimableCents()) {
      errors.add(new FieldError("amountCents", "La demande de " + Money.euros(amountCents) + " dépasse le montant "
          + "demandable : " + Money.euros(claimableCents()) + " (FSE+ dû sur les dépenses réalisées "
          + Money.euros(fseDueCents) + ", moins " + Money.euros(alreadyClaimedCents) + " déjà demandés)."));
    }
    return errors;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("realisedTotalCents", realisedTotalCents)
        .put("fseDueCents", fseDueCents)
        .put("alreadyClaimedCents", alreadyClaimedCents)
        .put("claimableCents", claimableCents())
        .put("balanceClaimed", balanceClaimed)
        .put("claims", new JsonArray(claims.stream().map(PaymentClaim::toJson).toList()));
  }
}
