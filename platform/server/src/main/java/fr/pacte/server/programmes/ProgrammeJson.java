package fr.pacte.server.programmes;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/** The programme tree of the store and the API, back to the record the YAML file describes (for export). */
final class ProgrammeJson {

  private ProgrammeJson() {
  }

  static Programme toProgramme(JsonObject p) {
    return new Programme(p.getString("code"), Programme.Kind.fromCode(p.getString("kind")).orElseThrow(),
        p.getString("title"), date(p.getJsonObject("period").getString("from")),
        date(p.getJsonObject("period").getString("to")), date(p.getString("adoptedOn")), p.getString("territory"),
        p.getString("supersedes"),
        list(p, "revisions", r -> new Programme.Revision(date(r.getString("date")), r.getString("note"))),
        p.getString("summary"), strings(p, "notes"),
        list(p, "signatories", s -> new Programme.Signatory(s.getString("name"), s.getString("representedBy"))),
        list(p, "commitments", c -> new Programme.Commitment(c.getString("partner"), strings(c, "items"))),
        list(p, "governance", b -> new Programme.GovernanceBody(b.getString("code"), b.getString("name"),
            b.getString("role"), strings(b, "members"), b.getString("cadence"),
            list(b, "meetings", m -> new Programme.Meeting(date(m.getString("date")), strings(m, "participants"),
                strings(m, "decisions"), m.getString("minutes"))))),
        list(p, "axes", axis -> new Programme.Axis(axis.getString("code"), axis.getString("title"),
            axis.getString("description"), axis.getString("status"), axis.getString("planned"), strings(axis, "notes"),
            list(axis, "fiches", fiche -> new Programme.Fiche(fiche.getString("code"), fiche.getString("title"),
                fiche.getString("startingSituation"), fiche.getString("desiredSituation"), strings(fiche, "notes"),
                list(fiche, "actions", a -> new Programme.Action(a.getString("code"), a.getString("title"),
                    a.getString("description"), a.getString("targetPublic"), strings(a, "pilots"), strings(a, "partners"),
                    a.getString("calendar"),
                    list(a, "indicators", i -> new Programme.Indicator(i.getString("name"), i.getString("unit"),
                        i.getString("period"), i.getString("target"), computed(i.getJsonObject("computed")))),
                    strings(a, "notes"))))))),
        list(p, "roadmaps", r -> new Programme.Roadmap(r.getString("territory"), r.getString("title"),
            list(r, "chantiers", c -> new Programme.Chantier(c.getString("code"), c.getString("title"),
                c.getString("description"), strings(c, "partners"), strings(c, "actions"), strings(c, "notes"))))));
  }

  /** The measure the programme's file declares for an indicator, or null. */
  private static Programme.Computed computed(JsonObject json) {
    if (json == null) {
      return null;
    }
    return new Programme.Computed(fr.pacte.server.text.Coded.of(ProgrammeMeasure.class, json.getString("measure")),
        strings(json, "exitTypes"), Boolean.TRUE.equals(json.getBoolean("withSubActions")));
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }

  private static List<String> strings(JsonObject object, String key) {
    JsonArray array = object.getJsonArray(key);
    return array == null ? List.of() : array.stream().map(String.class::cast).toList();
  }

  private static <T> List<T> list(JsonObject object, String key, Function<JsonObject, T> mapper) {
    JsonArray array = object.getJsonArray(key);
    return array == null ? List.of() : array.stream().map(JsonObject.class::cast).map(mapper).toList();
  }
}
