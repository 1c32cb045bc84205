package fr.pacte.server.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organisation's answer to a call for projects (seed 002 §IV): the general part, once per organisation and call,
 * shared by its projects; one project part per lot answered; the parts attached from the organisation's vault. A
 * groupement answers with several member organisations, the lead's general part being the application's.
 *
 * @param organisationId the lead organisation
 * @param members        every organisation answering, the lead first
 * @param general        the general part, as {@link ApplicationInput#GENERAL} describes its fields
 * @param version        incremented at each save: a stale save is refused (409)
 * @param contentHash    SHA-256 of the content submitted (hex), set at submission
 */
public record Application(UUID id, UUID callId, String organisationId, List<Member> members, JsonObject general,
                          List<Project> projects, List<Attachment> attachments, State state, int version,
                          Instant createdAt, Instant updatedAt, Instant submittedAt, String submittedBy,
                          String contentHash) {

  public Application {
    members = List.copyOf(members);
    projects = List.copyOf(projects);
    attachments = List.copyOf(attachments);
  }

  /** Where an application stands on the applicant's side. */
  public enum State implements fr.pacte.server.text.Coded {
    DRAFT("draft", "Brouillon"),
    SUBMITTED("submitted", "Déposée");

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

  /** An organisation answering: the lead, or a member of the groupement. */
  public record Member(String organisationId, String name, boolean lead) {

    JsonObject toJson() {
      return new JsonObject().put("organisation", organisationId).put("name", name).put("role", lead ? "lead" : "member");
    }
  }

  /** A quantified objective: people in file active, or workshops per year, on one territory in one year. */
  public record Objective(String territory, int year, int target) {

    JsonObject toJson() {
      return new JsonObject().put("territory", territory).put("year", year).put("target", target);
    }
  }

  /** The project part answering one lot. */
  public record Project(String lotCode, String title, List<String> territories, String description,
                        List<Objective> objectives, List<String> indicators, String otherInformation, Budget budget) {

    public Project {
      territories = List.copyOf(territories);
      objectives = List.copyOf(objectives);
      indicators = List.copyOf(indicators);
    }

    JsonObject toJson() {
      return new JsonObject().put("lot", lotCode).put("title", title).put("territories", new JsonArray(territories))
          .put("description", description)
          .put("objectives", new JsonArray(objectives.stream().map(Objective::toJson).toList()))
          .put("indicators", new JsonArray(indicators)).put("otherInformation", otherInformation)
          .put("budget", budget.toJson());
    }
  }

  /**
   * A part attached from the vault, to the general part ({@code lotCode} empty) or to one project.
   *
   * @param versionNumber the version fixed at submission; null while a draft reads the current one
   */
  public record Attachment(String lotCode, String part, UUID documentId, String label, String fileName,
                           Integer versionNumber) {

    public boolean general() {
      return lotCode.isEmpty();
    }

    JsonObject toJson(String tenant, String organisationId) {
      return new JsonObject().put("lot", lotCode.isEmpty() ? null : lotCode).put("part", part)
          .put("document", documentId.toString()).put("label", label).put("fileName", fileName)
          .put("versionNumber", versionNumber)
          .put("href", "/api/tenants/" + tenant + "/organisations/" + organisationId + "/documents/" + documentId);
    }
  }

  public Project project(String lotCode) {
    return projects.stream().filter(p -> p.lotCode().equals(lotCode)).findFirst().orElse(null);
  }

  /** Territories covered by any of its projects. */
  public List<String> territories() {
    return projects.stream().flatMap(p -> p.territories().stream()).distinct().toList();
  }

  public boolean hasMember(String organisation) {
    return members.stream().anyMatch(m -> m.organisationId().equals(organisation));
  }

  public long requestedCents() {
    return projects.stream().mapToLong(p -> p.budget().requestedCents()).sum();
  }

  public long fundableCents() {
    return projects.stream().mapToLong(p -> p.budget().fundableCents()).sum();
  }

  public JsonObject toJson(String tenant) {
    return new JsonObject().put("id", id.toString()).put("call", callId.toString()).put("organisation", organisationId)
        .put("members", new JsonArray(members.stream().map(Member::toJson).toList()))
        .put("general", general.copy())
        .put("projects", new JsonArray(projects.stream().map(Project::toJson).toList()))
        .put("attachments", new JsonArray(attachments.stream()
            .map(a -> a.toJson(tenant, organisationId)).toList()))
        .put("state", state.code()).put("stateLabel", state.label()).put("version", version)
        .put("requestedCents", requestedCents()).put("fundableCents", fundableCents())
        .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString())
        .put("submittedAt", submittedAt == null ? null : submittedAt.toString()).put("submittedBy", submittedBy)
        .put("contentHash", contentHash)
        .put("links", new JsonObject().put("self", "/api/tenants/" + tenant + "/applications/" + id)
            .put("acknowledgement", submittedAt == null ? null
                : "/api/tenants/" + tenant + "/applications/" + id + "/acknowledgement"));
  }
}
