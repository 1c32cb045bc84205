package fr.pacte.server.pathways;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/** A workshop of a collective action type, planned in a territory, with its registrations and attendance. */
public record WorkshopSession(UUID id, UUID offerId, String offerTitle, String territory, String actionType,
                              String organisationId, LocalDateTime startsAt, String theme, String place, int capacity,
                              List<Attendance> attendance, int version) {

  /** One registered person and whether they came. */
  public record Attendance(UUID personId, String personName, String status) {

    public JsonObject toJson() {
      return new JsonObject().put("person", personId.toString()).put("personName", personName).put("status", status)
          .put("statusLabel", label(status));
    }
  }

  public static final List<String> STATUSES = List.of("registered", "present", "absent", "excused");

  public static String label(String status) {
    return switch (status) {
      case "present" -> "Présent(e)";
      case "absent" -> "Absent(e)";
      case "excused" -> "Excusé(e)";
      default -> "Inscrit(e)";
    };
  }

  public long count(String status) {
    return attendance.stream().filter(a -> a.status().equals(status)).count();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("offer", offerId.toString())
        .put("offerTitle", offerTitle)
        .put("territory", territory)
        .put("actionType", actionType)
        .put("organisation", organisationId)
        .put("startsAt", startsAt.toString())
        .put("theme", theme)
        .put("place", place)
        .put("capacity", capacity)
        .put("counts", new JsonObject().put("registered", attendance.size()).put("present", count("present"))
            .put("absent", count("absent")).put("excused", count("excused")))
        .put("attendance", new JsonArray(attendance.stream().map(Attendance::toJson).toList()))
        .put("version", version);
  }
}
