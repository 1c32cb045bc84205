package fr.pacte.server.pathways;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A person's request to join an action, sent from the public offer page without an account: the minimal data to call
 * them back, waiting for the operator to confirm it (then the person is created and oriented) or decline it.
 *
 * @param rsaRecipient what the person said, null if they do not know
 * @param personId     the person created at a confirmation whose orientation was then refused, to reuse next time
 */
public record SelfPositioning(UUID id, UUID offerId, String offerTitle, String territory, String organisationId,
                              String familyName, String firstNames, LocalDate birthDate, String commune, String email,
                              String phone, Boolean rsaRecipient, String message, UUID personId, OffsetDateTime receivedAt) {

  public String displayName() {
    return familyName.toUpperCase(java.util.Locale.FRENCH) + " " + firstNames;
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("offer", offerId.toString()).put("offerTitle", offerTitle)
        .put("territory", territory).put("organisation", organisationId).put("familyName", familyName)
        .put("firstNames", firstNames).put("birthDate", birthDate.toString()).put("commune", commune).put("email", email)
        .put("phone", phone).put("rsaRecipient", rsaRecipient).put("message", message)
        .put("person", personId == null ? null : personId.toString()).put("receivedAt", receivedAt.toString());
  }
}
