package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A service-done check (vérification de service fait) of a payment claim: who checked, on which day, what was checked
 * (a participant of the sample, a timesheet, an invoice) and the result.
 */
record ServiceCheck(UUID id, UUID claimId, UUID participationId, String checkedBy, LocalDate checkedOn, String subject,
                    String result) {

  static final Map<String, String> RESULTS = Participant.ordered("compliant", "Conforme", "corrected",
      "Écart constaté et corrigé", "non-compliant", "Non conforme");

  static ServiceCheck of(Row row) {
    return new ServiceCheck(row.getUUID("id"), row.getUUID("claim_id"), row.getUUID("participation_id"),
        row.getString("checked_by"), row.getLocalDate("checked_on"), row.getString("subject"), row.getString("result"));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("participation", participationId == null ? null : participationId.toString())
        .put("checkedBy", checkedBy)
        .put("checkedOn", checkedOn.toString())
        .put("subject", subject)
        .put("result", result)
        .put("resultLabel", RESULTS.get(result));
  }
}
