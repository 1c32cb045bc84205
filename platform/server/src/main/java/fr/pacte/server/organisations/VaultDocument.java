package fr.pacte.server.organisations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One document of an organisation's vault, with its versions (newest first). Its id is stable: an application
 * refers to it and reads whichever version is current.
 */
public record VaultDocument(UUID id, String organisationId, DocumentKind kind, String label, List<Version> versions) {

  public VaultDocument {
    versions = List.copyOf(versions);
  }

  /** One uploaded file. */
  public record Version(int number, String fileName, String mediaType, int sizeBytes, String sha256, LocalDate validUntil,
                        String uploadedBy, OffsetDateTime uploadedAt) {

    public boolean expired(LocalDate today) {
      return validUntil != null && validUntil.isBefore(today);
    }

    public JsonObject toJson(String documentPath) {
      return new JsonObject()
          .put("number", number)
          .put("fileName", fileName)
          .put("mediaType", mediaType)
          .put("sizeBytes", sizeBytes)
          .put("sha256", sha256)
          .put("validUntil", validUntil == null ? null : validUntil.toString())
          .put("expired", expired(LocalDate.now(java.time.ZoneId.of("Europe/Paris"))))
          .put("uploadedBy", uploadedBy)
          .put("uploadedAt", uploadedAt.toString())
          .put("content", documentPath + "/versions/" + number + "/content");
    }
  }

  public Version current() {
    return versions.get(0);
  }

  public JsonObject toJson(String tenant) {
    String path = "/api/tenants/" + tenant + "/organisations/" + organisationId + "/documents/" + id;
    return new JsonObject()
        .put("id", id.toString())
        .put("organisation", organisationId)
        .put("kind", kind.code())
        .put("kindLabel", kind.label())
        .put("label", label)
        .put("current", current().toJson(path))
        .put("versions", new JsonArray(versions.stream().map(v -> v.toJson(path)).toList()))
        .put("links", new JsonObject().put("self", path).put("current", path + "/current"));
  }
}
