package fr.pacte.server.conventions;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.UUID;

/** A payment made on a year's voted tranche: an advance, the balance, or another instalment, with its mandate. */
public record Payment(UUID id, int year, String kind, LocalDate paidOn, long amountCents, String mandateReference) {

  public static final java.util.List<String> KINDS = java.util.List.of("advance", "balance", "instalment");

  public static String kindLabel(String kind) {
    return switch (kind) {
      case "advance" -> "Avance";
      case "balance" -> "Solde";
      default -> "Acompte";
    };
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id == null ? null : id.toString()).put("year", year).put("kind", kind)
        .put("kindLabel", kindLabel(kind)).put("paidOn", paidOn.toString()).put("amountCents", amountCents)
        .put("mandateReference", mandateReference);
  }
}
