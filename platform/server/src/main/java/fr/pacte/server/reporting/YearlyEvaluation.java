package fr.pacte.server.reporting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The fiche bilan of one year of a convention: prefilled from the year's data (objectives against results per
 * territory, exits by type, the monthly reports), completed by the operator, sent before the comité de pilotage, and
 * the comité's meeting with its decision on the next yearly tranche.
 *
 * @param figures what the data says, as the API gives it ({@code territories}, {@code exitsByType}, {@code reports},
 *     {@code progress})
 */
public record YearlyEvaluation(UUID id, UUID conventionId, String reference, String conventionTitle, int year,
                               String organisationId, String organisationName, List<String> territories, State state,
                               JsonObject figures, String achievements, String difficulties, String outlook,
                               LocalDate committeeDate, String committeeParticipants, String committeeMinutes,
                               Decision decision, Long decisionCents, String decisionObjectives, int version) {

  public YearlyEvaluation {
    territories = List.copyOf(territories);
  }

  public enum State implements fr.pacte.server.text.Coded {
    DRAFT("draft", "À compléter par l'opérateur"),
    SENT("sent", "Transmise avant le comité de pilotage"),
    DECIDED("decided", "Décidée en comité de pilotage");

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

  /** The comité's decision on the action, for the next yearly tranche. */
  public enum Decision implements fr.pacte.server.text.Coded {
    RENEW("renew", "Reconduction"),
    ADJUST("adjust", "Reconduction ajustée (objectifs ou montant)"),
    STOP("stop", "Arrêt : la tranche suivante n'est pas reconduite");

    private final String code;
    private final String label;

    Decision(String code, String label) {
      this.code = code;
      this.label = label;
    }

    public String code() {
      return code;
    }

    public String label() {
      return label;
    }

    public static Decision of(String code) {
      return fr.pacte.server.text.Coded.find(Decision.class, code).orElse(null);
    }
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id.toString()).put("convention", conventionId.toString()).put("reference", reference)
        .put("conventionTitle", conventionTitle).put("year", year).put("organisation", organisationId)
        .put("organisationName", organisationName).put("territories", new JsonArray(territories))
        .put("state", state.code()).put("stateLabel", state.label()).put("figures", figures.copy())
        .put("achievements", achievements).put("difficulties", difficulties).put("outlook", outlook)
        .put("committee", committeeDate == null ? null : new JsonObject().put("date", committeeDate.toString())
            .put("participants", committeeParticipants).put("minutes", committeeMinutes)
            .put("decision", decision == null ? null : decision.code())
            .put("decisionLabel", decision == null ? null : decision.label())
            .put("amountCents", decisionCents).put("objectives", decisionObjectives))
        .put("version", version);
  }
}
