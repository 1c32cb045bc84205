package fr.pacte.server.organisations;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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

    public JsonObject toJson(String documentPath, LocalDate today) {
      return new JsonObject()
          .put("number", number)
          .put("fileName", fileName)
          .put("mediaType", mediaType)
          .put("sizeBytes", sizeBytes)
          .put("sha256", sha256)
          .put("validUntil", validUntil == null ? null : validUntil.toString())
          .put("expired", expired(today))
          .put("uploadedBy", uploadedBy)
          .put("uploadedAt", uploadedAt.toString())
          .put("content", documentPath + "/versions/" + number + "/content");
    }

    /** The same version with its upload time on the given zone's wall clock. */
    Version inZone(ZoneId zone) {
      return new Version(number, fileName, mediaType, sizeBytes, sha256, validUntil, uploadedBy,
          uploadedAt.atZoneSameInstant(zone).toOffsetDateTime());
    }
  }

  /** The document with its upload times as the tenant's clocks show them. */
  public VaultDocument inZone(ZoneId zone) {
    return new VaultDocument(id, organisationId, kind, label, versions.stream().map(v -> v.inZone(zone)).toList());
  }

  public Version current() {
    return versions.get(0);
  }

  /** The API form; {@code today} is the tenant's date, against which validity is judged. */
  public JsonObject toJson(String tenant, LocalDate today) {
    String path = "/api/tenants/" + tenant + "/organisations/" + organisationId + "/documents/" + id;
    return new JsonObject()
        .put("id", id.toString())
        .put("organisation", organisationId)
        .put("kind", kind.code())
        .put("kindLabel", kind.label())
        .put("label", label)
        .put("current", current().toJson(path, today))
        .put("versions", new JsonArray(versions.stream().map(v -> v.toJson(path, today)).toList()))
        .put("links", new JsonObject().put("self", path).put("current", path + "/current"));
  }
}
