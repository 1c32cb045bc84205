package fr.pacte.plugins.mobility;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A recorded sollicitation: when and how someone turned to the platform. Deliberately no personal data. */
public record Solicitation(long id, LocalDate receivedOn, String territory, String channel, String reason,
    OffsetDateTime createdAt) {

  static Solicitation from(Row row) {
    return new Solicitation(
        row.getLong("id"),
        row.getLocalDate("received_on"),
        row.getString("territory"),
        row.getString("channel"),
        row.getString("reason"),
        row.getOffsetDateTime("created_at"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("receivedOn", receivedOn.toString())
        .put("territory", territory)
        .put("channel", channel)
        .put("reason", reason)
        .put("createdAt", createdAt == null ? null : createdAt.toString());
  }
}
