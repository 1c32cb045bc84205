package fr.pacte.server.pathways;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A person positioned on an offer item for a territory, from the prescriber's proposal to the exit.
 */
public record Orientation(UUID id, UUID personId, String personName, UUID offerId, String offerTitle, String territory,
                          String actionType, String organisationId, State state, String prescriber, String prescriberName,
                          String prescriberKind, boolean rsaRecipient, String eligibilityNote, LocalDate entryDate,
                          LocalDate plannedEnd, String refusalReason, String refusalComment, LocalDate exitDate,
                          String exitType, List<String> exitOutcomes, String exitComment, JsonArray renewals,
                          JsonObject fields, String noteForReferent, int waitingRank, int version) {

  /** Where an orientation stands. */
  public enum State implements fr.pacte.server.text.Coded {
    PROPOSED("proposed", "Proposée, en attente de la décision de l'opérateur"),
    WAITING("waiting", "En liste d'attente"),
    IN("in", "Entrée sur l'action"),
    REFUSED("refused", "Refusée"),
    EXITED("exited", "Sortie");

    private final String code;
    private final String label;

    State(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static State of(String code) {
      return fr.pacte.server.text.Coded.of(State.class, code);
    }
  }

  /** Whether the maximum duration ends within a month of {@code today} (or has passed) while the person is in. */
  public boolean dueForRenewal(LocalDate today) {
    return state == State.IN && plannedEnd != null && !today.plusMonths(1).isBefore(plannedEnd);
  }

  public JsonObject toJson(LocalDate today) {
    return new JsonObject()
        .put("id", id.toString())
        .put("person", personId.toString())
        .put("personName", personName)
        .put("offer", offerId.toString())
        .put("offerTitle", offerTitle)
        .put("territory", territory)
        .put("actionType", actionType)
        .put("organisation", organisationId)
        .put("state", state.code())
        .put("stateLabel", state.label())
        .put("waitingRank", state == State.WAITING ? waitingRank : null)
        .put("prescriber", new JsonObject().put("username", prescriber).put("name", prescriberName).put("kind", prescriberKind))
        .put("rsaRecipient", rsaRecipient)
        .put("eligibilityNote", eligibilityNote)
        .put("entryDate", text(entryDate))
        .put("plannedEnd", text(plannedEnd))
        .put("renewalDue", dueForRenewal(today))
        .put("refusal", refusalReason == null ? null : new JsonObject().put("reason", refusalReason).put("comment", refusalComment))
        .put("exit", exitDate == null ? null : new JsonObject().put("date", exitDate.toString()).put("type", exitType)
            .put("outcomes", new JsonArray(exitOutcomes)).put("comment", exitComment))
        .put("renewals", renewals)
        .put("fields", fields)
        .put("noteForReferent", noteForReferent)
        .put("version", version);
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }
}
