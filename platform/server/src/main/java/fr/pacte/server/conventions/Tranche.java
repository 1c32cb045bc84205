package fr.pacte.server.conventions;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;

/**
 * A yearly tranche of the Département's funding: provisional until the deliberation that votes it (its amount may
 * be lower than planned) or decides not to renew it.
 */
public record Tranche(int year, String status, Long votedCents, LocalDate deliberationDate, String deliberationReference) {

  public static final String PROVISIONAL = "provisional";
  public static final String VOTED = "voted";
  public static final String NOT_RENEWED = "not-renewed";

  public boolean voted() {
    return VOTED.equals(status);
  }

  public boolean provisional() {
    return PROVISIONAL.equals(status);
  }

  public boolean notRenewed() {
    return NOT_RENEWED.equals(status);
  }

  public String statusLabel() {
    return switch (status) {
      case VOTED -> "Ferme (votée)";
      case NOT_RENEWED -> "Non reconduite";
      default -> "Prévisionnelle";
    };
  }

  public JsonObject toJson() {
    return new JsonObject().put("year", year).put("status", status).put("statusLabel", statusLabel())
        .put("votedCents", votedCents)
        .put("deliberationDate", deliberationDate == null ? null : deliberationDate.toString())
        .put("deliberationReference", deliberationReference);
  }
}
