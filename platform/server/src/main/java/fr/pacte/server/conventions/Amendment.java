package fr.pacte.server.conventions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/**
 * An amendment (avenant): numbered from 1, signed on a date, in force from another, saying in words what it changes;
 * it keeps the terms before and after it.
 */
public record Amendment(int number, LocalDate signedOn, LocalDate effectiveFrom, String object, List<String> changes,
                        Terms before, Terms after) {

  public Amendment {
    changes = List.copyOf(changes);
  }

  public JsonObject toJson() {
    return new JsonObject().put("number", number).put("signedOn", signedOn.toString())
        .put("effectiveFrom", effectiveFrom.toString()).put("object", object).put("changes", new JsonArray(changes));
  }
}
