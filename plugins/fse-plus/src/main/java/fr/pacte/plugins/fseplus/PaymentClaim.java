package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A payment claim of FSE+ (advance, interim payment or balance): the amount claimed and, as they stood when it was made,
 * the realised eligible costs, the FSE+ due on them and what had already been claimed.
 */
record PaymentClaim(UUID id, String kind, long amountCents, LocalDate claimedOn, long realisedTotalCents,
                    long fseDueCents, long previouslyClaimedCents) {

  static final Map<String, String> KINDS = Participant.ordered("advance", "Avance", "interim", "Paiement intermédiaire",
      "balance", "Solde");

  static PaymentClaim of(Row row) {
    return new PaymentClaim(row.getUUID("id"), row.getString("kind"), row.getLong("amount_cents"),
        row.getLocalDate("claimed_on"), row.getLong("realised_total_cents"), row.getLong("fse_due_cents"),
        row.getLong("previously_claimed_cents"));
  }

  String label() {
    return KINDS.get(kind);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("kind", kind)
        .put("kindLabel", label())
        .put("amountCents", amountCents)
        .put("claimedOn", claimedOn.toString())
        .put("realisedTotalCents", realisedTotalCents)
        .put("fseDueCents", fseDueCents)
        .put("previouslyClaimedCents", previouslyClaimedCents);
  }
}
