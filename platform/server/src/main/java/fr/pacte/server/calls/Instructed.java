package fr.pacte.server.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What instruction reads of an application: who answers (the lead and the members of a groupement), when it was
 * submitted, and each project with its lot, territories, quantified objectives and the amounts computed from its
 * budget (asked from the Département and fundable under the indirect-cost cap, all years together).
 */
public record Instructed(UUID id, UUID callId, String organisationId, String organisationName, List<String> members,
                         String state, Instant submittedAt, String contactEmail, List<Project> projects) {

  public Instructed {
    members = List.copyOf(members);
    projects = List.copyOf(projects);
  }

  /** A project part, as the convention will need it. */
  public record Project(String lot, String title, List<String> territories, JsonArray objectives, JsonArray budget,
                        long requestedCents, long fundableCents) {

    public Project {
      territories = List.copyOf(territories);
    }

    /**
     * The people (or workshops) the project commits to per territory every year: the smallest of its yearly targets
     * there, so that a need counts as covered only if it is covered each year.
     */
    public Map<String, Integer> yearlyObjectives() {
      Map<String, Integer> smallest = new LinkedHashMap<>();
      for (Object item : objectives) {
        if (item instanceof JsonObject objective && objective.getString("territory") != null) {
          int target = objective.getInteger("target", 0);
          smallest.merge(objective.getString("territory"), target, Math::min);
        }
      }
      return smallest;
    }

    JsonObject toJson() {
      return new JsonObject().put("lot", lot).put("title", title).put("territories", new JsonArray(territories))
          .put("requestedCents", requestedCents).put("fundableCents", fundableCents);
    }
  }

  public boolean submitted() {
    return "submitted".equals(state);
  }

  public Project project(String lot) {
    return projects.stream().filter(p -> p.lot().equals(lot)).findFirst().orElse(null);
  }

  public List<String> territories() {
    return projects.stream().flatMap(p -> p.territories().stream()).distinct().toList();
  }

  /** Project name in lists: the organisation and the project's title. */
  public String name(Project project) {
    return organisationName + (project.title().isBlank() ? "" : " — " + project.title());
  }
}
