package fr.pacte.server.programmes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an import would change, before anything is written: for each programme of the files, whether it is new or
 * replaces one, and its axes, fiches and actions added, changed and removed. An import that would remove most of a
 * programme says so ({@link ProgrammeChange#removesMost}).
 */
public record ImportPreview(List<ProgrammeChange> programmes, boolean referentials) {

  /** Past this share of a programme's actions (or axes) removed, the preview warns loudly. */
  static final double MOST = 0.5;

  /** Whether applying it changes or removes something that exists (a plain addition needs no confirmation). */
  public boolean changesExisting() {
    return referentials || programmes.stream().anyMatch(p -> p.exists() && !p.unchanged());
  }

  public boolean removesMost() {
    return programmes.stream().anyMatch(ProgrammeChange::removesMost);
  }

  public JsonObject toJson() {
    return new JsonObject().put("programmes", new JsonArray(programmes.stream().map(ProgrammeChange::toJson).toList()))
        .put("referentials", referentials).put("changesExisting", changesExisting()).put("removesMost", removesMost());
  }

  /** One level's changes: labels such as "1-1-1 — Accompagnement…". */
  public record Diff(List<String> added, List<String> changed, List<String> removed) {

    public boolean empty() {
      return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
    }

    JsonObject toJson() {
      return new JsonObject().put("added", new JsonArray(added)).put("changed", new JsonArray(changed))
          .put("removed", new JsonArray(removed));
    }
  }

  /** One programme of the import against the stored one of the same code (null when new). */
  public record ProgrammeChange(String code, String title, boolean exists, int actionsBefore, int actionsAfter,
                                int axesBefore, int axesAfter, Diff axes, Diff fiches, Diff actions,
                                boolean otherChanges) {

    public boolean unchanged() {
      return axes.empty() && fiches.empty() && actions.empty() && !otherChanges;
    }

    public boolean removesMost() {
      return exists && ((actionsBefore > 0 && actions.removed().size() > actionsBefore * MOST)
          || (axesBefore > 0 && axes.removed().size() > axesBefore * MOST));
    }

    JsonObject toJson() {
      return new JsonObject().put("code", code).put("title", title).put("exists", exists)
          .put("before", new JsonObject().put("axes", axesBefore).put("actions", actionsBefore))
          .put("after", new JsonObject().put("axes", axesAfter).put("actions", actionsAfter))
          .put("axes", axes.toJson()).put("fiches", fiches.toJson()).put("actions", actions.toJson())
          .put("otherChanges", otherChanges).put("removesMost", removesMost());
    }
  }

  /** {@code incoming} against {@code stored} (null: a new programme). */
  static ProgrammeChange compare(Programme stored, Programme incoming) {
    Map<String, Object> axesBefore = new LinkedHashMap<>();
    Map<String, Object> fichesBefore = new LinkedHashMap<>();
    Map<String, Object> actionsBefore = new LinkedHashMap<>();
    Map<String, Object> axesAfter = new LinkedHashMap<>();
    Map<String, Object> fichesAfter = new LinkedHashMap<>();
    Map<String, Object> actionsAfter = new LinkedHashMap<>();
    Map<String, String> labels = new LinkedHashMap<>();
    if (stored != null) {
      index(stored, axesBefore, fichesBefore, actionsBefore, labels);
    }
    index(incoming, axesAfter, fichesAfter, actionsAfter, labels);
    boolean other = stored != null && !Objects.equals(header(stored), header(incoming));
    return new ProgrammeChange(incoming.code(), incoming.title(), stored != null,
        stored == null ? 0 : stored.actionCount(), incoming.actionCount(),
        stored == null ? 0 : stored.axes().size(), incoming.axes().size(),
        diff(axesBefore, axesAfter, labels, "axe:"), diff(fichesBefore, fichesAfter, labels, "fiche:"),
        diff(actionsBefore, actionsAfter, labels, "action:"), other);
  }

  private static void index(Programme programme, Map<String, Object> axes, Map<String, Object> fiches,
                            Map<String, Object> actions, Map<String, String> labels) {
    for (Programme.Axis axis : programme.axes()) {
      axes.put(axis.code(), new Programme.Axis(axis.code(), axis.title(), axis.description(), axis.status(),
          axis.planned(), axis.notes(), List.of()));
      labels.put("axe:" + axis.code(), "Axe " + axis.code() + " — " + axis.title());
      for (Programme.Fiche fiche : axis.fiches()) {
        String key = axis.code() + "/" + fiche.code();
        fiches.put(key, new Programme.Fiche(fiche.code(), fiche.title(), fiche.startingSituation(),
            fiche.desiredSituation(), fiche.notes(), List.of()));
        labels.put("fiche:" + key, "Fiche " + fiche.code() + " — " + fiche.title());
        for (Programme.Action action : fiche.actions()) {
          String actionKey = key + "/" + action.code();
          actions.put(actionKey, action);
          labels.put("action:" + actionKey, "Action " + action.code() + " — " + action.title());
        }
      }
    }
  }

  /** Everything but the axes: title, period, governance, roadmaps… */
  private static Programme header(Programme p) {
    return new Programme(p.code(), p.kind(), p.title(), p.from(), p.to(), p.adoptedOn(), p.territory(), p.supersedes(),
        p.revisions(), p.summary(), p.notes(), p.signatories(), p.commitments(), p.governance(), List.of(), p.roadmaps());
  }

  private static Diff diff(Map<String, Object> before, Map<String, Object> after, Map<String, String> labels,
                           String prefix) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    after.forEach((key, value) -> {
      if (!before.containsKey(key)) {
        added.add(labels.get(prefix + key));
      } else if (!before.get(key).equals(value)) {
        changed.add(labels.get(prefix + key));
      }
    });
    before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(key -> removed.add(labels.get(prefix + key)));
    return new Diff(added, changed, removed);
  }
}
