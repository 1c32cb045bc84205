package fr.pacte.server.offer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One item of the offer: an action type delivered by an organisation, with its places per territory in the action
 * type's capacity unit.
 *
 * @param programmeAction the programme action it serves, as "programme/action" text
 * @param thematiques     data·inclusion thematics
 * @param publics         data·inclusion publics
 */
public record OfferItem(UUID id, String actionType, String organisationId, String organisationName, String title,
                        String description, LocalDate periodStart, LocalDate periodEnd, String schedule, List<String> funders,
                        String programmeAction, List<String> thematiques, List<String> publics, String contactEmail,
                        String contactPhone, String location, List<Place> places, int version, OffsetDateTime updatedAt) {

  public OfferItem {
    funders = List.copyOf(funders);
    thematiques = List.copyOf(thematiques);
    publics = List.copyOf(publics);
    places = List.copyOf(places);
  }

  /** Places on one territory: what is funded, what is in use now. */
  public record Place(String territory, int capacity, int taken) {

    public int left() {
      return Math.max(0, capacity - taken);
    }

    public JsonObject toJson() {
      return new JsonObject().put("territory", territory).put("capacity", capacity).put("taken", taken).put("left", left());
    }
  }

  public int capacity() {
    return places.stream().mapToInt(Place::capacity).sum();
  }

  public int left() {
    return places.stream().mapToInt(Place::left).sum();
  }

  /** Places left on one territory, or on all of them when {@code territory} is null. */
  public int left(String territory) {
    return territory == null ? left() : places.stream().filter(p -> p.territory().equals(territory)).mapToInt(Place::left).sum();
  }

  public List<String> territories() {
    return places.stream().map(Place::territory).toList();
  }

  public boolean current(LocalDate today) {
    return !periodEnd.isBefore(today);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("actionType", actionType)
        .put("organisation", organisationId)
        .put("organisationName", organisationName)
        .put("title", title)
        .put("description", description)
        .put("period", new JsonObject().put("start", periodStart.toString()).put("end", periodEnd.toString()))
        .put("schedule", schedule)
        .put("funders", new JsonArray(funders))
        .put("programmeAction", programmeAction)
        .put("thematiques", new JsonArray(thematiques))
        .put("publics", new JsonArray(publics))
        .put("contactEmail", contactEmail)
        .put("contactPhone", contactPhone)
        .put("location", location)
        .put("places", new JsonArray(places.stream().map(Place::toJson).toList()))
        .put("capacity", capacity())
        .put("left", left())
        .put("version", version)
        .put("updatedAt", updatedAt == null ? null : updatedAt.toString());
  }
}
