package fr.pacte.server.pathways;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A person's request to join an action, sent from the public offer page without an account: the minimal data to call
 * them back, waiting for the operator to confirm it (then the person is created and oriented) or decline it.
 *
 * @param rsaRecipient what the person said, null if they do not know
 * @param personId     the person made by a confirmation recorded before confirmations were one transaction
 * @param expiredAt    when the request expired undecided ({@link #DAYS_TO_DECIDE} days after it was received), or null
 */
public record SelfPositioning(UUID id, UUID offerId, String offerTitle, String territory, String organisationId,
                              String familyName, String firstNames, LocalDate birthDate, String commune, String email,
                              String phone, Boolean rsaRecipient, String message, UUID personId, OffsetDateTime receivedAt,
                              OffsetDateTime expiredAt) {

  /**
   * Days the operator has to decide: a request received on day D (in the tenant's time zone) may be decided until
   * the end of day D + 30; from the next day it is expired.
   */
  public static final int DAYS_TO_DECIDE = 30;

  /** Days an expired request is still shown (marked « Expirée ») before it is erased. */
  public static final int DAYS_KEPT_EXPIRED = 30;

  /** The last day the request may be decided, in the tenant's zone. */
  public LocalDate decideBy(ZoneId zone) {
    return receivedAt.atZoneSameInstant(zone).toLocalDate().plusDays(DAYS_TO_DECIDE);
  }

  public boolean expired() {
    return expiredAt != null;
  }

  public String displayName() {
    return familyName.toUpperCase(java.util.Locale.FRENCH) + " " + firstNames;
  }

  public JsonObject toJson(ZoneId zone) {
    return new JsonObject().put("id", id.toString()).put("offer", offerId.toString()).put("offerTitle", offerTitle)
        .put("territory", territory).put("organisation", organisationId).put("familyName", familyName)
        .put("firstNames", firstNames).put("birthDate", birthDate.toString()).put("commune", commune).put("email", email)
        .put("phone", phone).put("rsaRecipient", rsaRecipient).put("message", message)
        .put("person", personId == null ? null : personId.toString()).put("receivedAt", receivedAt.toInstant().toString())
        .put("decideBy", decideBy(zone).toString()).put("state", expired() ? "expired" : "waiting")
        .put("expiredAt", expiredAt == null ? null : expiredAt.toInstant().toString());
  }
}
