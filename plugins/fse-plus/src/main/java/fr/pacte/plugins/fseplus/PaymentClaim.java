package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A payment claim of FSE+ (advance, interim payment or balance): the amount claimed and, as they stood when it was last
 * computed, the realised eligible costs, the FSE+ due on them and what had already been claimed. It is prepared
 * (draft) and may be changed while it is, then submitted once its service-done checks are recorded, or withdrawn.
 */
record PaymentClaim(UUID id, String kind, long amountCents, LocalDate claimedOn, long realisedTotalCents,
                    long fseDueCents, long previouslyClaimedCents, String status, int version, LocalDate submittedOn,
                    LocalDate withdrawnOn, List<ServiceCheck> checks) {

  static final Map<String, String> KINDS = Participant.ordered("advance", "Avance", "interim", "Paiement intermédiaire",
      "balance", "Solde");
  static final Map<String, String> STATUSES = Participant.ordered("draft", "En préparation", "submitted", "Déposée",
      "withdrawn", "Retirée");

  static PaymentClaim of(Row row) {
    return new PaymentClaim(row.getUUID("id"), row.getString("kind"), row.getLong("amount_cents"),
        row.getLocalDate("claimed_on"), row.getLong("realised_total_cents"), row.getLong("fse_due_cents"),
        row.getLong("previously_claimed_cents"), row.getString("status"), row.getInteger("version"),
        row.getLocalDate("submitted_on"), row.getLocalDate("withdrawn_on"), List.of());
  }

  PaymentClaim withChecks(List<ServiceCheck> found) {
    return new PaymentClaim(id, kind, amountCents, claimedOn, realisedTotalCents, fseDueCents, previouslyClaimedCents,
        status, version, submittedOn, withdrawnOn, List.copyOf(found));
  }

  String label() {
    return KINDS.get(kind);
  }

  boolean draft() {
    return status.equals("draft");
  }

  /**
   * Whether a non-compliant check is left unresolved: one not followed (checks are in the order they were made) by a
   * check recording the gap as corrected.
   */
  boolean nonComplianceLeft() {
    boolean left = false;
    for (ServiceCheck check : checks) {
      if (check.result().equals("non-compliant")) {
        left = true;
      } else if (check.result().equals("corrected")) {
        left = false;
      }
    }
    return left;
  }

  /** Whether it counts in what was claimed: a withdrawn claim does not. */
  boolean counts() {
    return !status.equals("withdrawn");
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
        .put("previouslyClaimedCents", previouslyClaimedCents)
        .put("status", status)
        .put("statusLabel", STATUSES.get(status))
        .put("submittedOn", submittedOn == null ? null : submittedOn.toString())
        .put("withdrawnOn", withdrawnOn == null ? null : withdrawnOn.toString())
        .put("checks", new JsonArray(checks.stream().map(ServiceCheck::toJson).toList()))
        .put("version", version);
  }
}
