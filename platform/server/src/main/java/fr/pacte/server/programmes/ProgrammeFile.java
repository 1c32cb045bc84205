package fr.pacte.server.programmes;

import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
import fr.pacte.server.config.YamlFileException;
import fr.pacte.server.config.YamlWriter;
import fr.pacte.server.programmes.Programme.Action;
import fr.pacte.server.programmes.Programme.Axis;
import fr.pacte.server.programmes.Programme.Chantier;
import fr.pacte.server.programmes.Programme.Commitment;
import fr.pacte.server.programmes.Programme.Fiche;
import fr.pacte.server.programmes.Programme.GovernanceBody;
import fr.pacte.server.programmes.Programme.Indicator;
import fr.pacte.server.programmes.Programme.Meeting;
import fr.pacte.server.programmes.Programme.Revision;
import fr.pacte.server.programmes.Programme.Roadmap;
import fr.pacte.server.programmes.Programme.Signatory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code tenants/<slug>/programmes/<code>.yaml} (format: {@code tenants/README.md}). Every error names the
 * file, the line and the field, and says what was expected; codes must be unique where the format says so.
 */
public final class ProgrammeFile {

  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");
  private static final Pattern PUBLISHED_CODE = Pattern.compile("[0-9A-Za-z][0-9A-Za-z .-]{0,19}");
  private static final Pattern ANY = null;

  private ProgrammeFile() {
  }

  public static Programme read(Path file, String displayName) {
    return parse(YamlDocument.read(file, displayName));
  }

  public static Programme parse(String yaml, String displayName) {
    return parse(YamlDocument.parse(yaml, displayName));
  }

  public static Programme parse(Mapping root) {
    root.onlyKeys("code", "kind", "title", "period", "adopted_on", "territory", "supersedes", "revisions", "summary",
        "notes", "signatories", "commitments", "governance", "axes", "roadmaps");
    String kindCode = root.requiredString("kind", ANY, "le type de programme");
    Programme.Kind kind = Programme.Kind.fromCode(kindCode).orElseThrow(() -> root.errorAt("kind",
        "un type parmi pdi, pti, pdi-pti, pacte-territorial, schema-solidarites était attendu, trouvé « " + kindCode + " »"));
    Mapping period = root.requiredMapping("period", "la période {from, to}");
    period.onlyKeys("from", "to");
    LocalDate from = requiredDate(period, "from");
    LocalDate to = requiredDate(period, "to");
    if (to.isBefore(from)) {
      throw period.errorAt("to", "la fin de période doit suivre son début");
    }
    List<Axis> axes = unique(root, "axes", ProgrammeFile::axis, Axis::code);
    return new Programme(
        root.requiredString("code", CODE, "un code en minuscules, chiffres et tirets"),
        kind,
        text(root, "title"),
        from, to, date(root, "adopted_on"),
        root.optionalString("territory", CODE, "le code d'un territoire du département").orElse(null),
        root.optionalString("supersedes", CODE, "le code d'un programme antérieur").orElse(null),
        root.mappings("revisions").stream().map(ProgrammeFile::revision).toList(),
        optional(root, "summary"), root.strings("notes"),
        root.mappings("signatories").stream().map(ProgrammeFile::signatory).toList(),
        root.mappings("commitments").stream().map(ProgrammeFile::commitment).toList(),
        unique(root, "governance", ProgrammeFile::governance, GovernanceBody::code),
        axes,
        root.mappings("roadmaps").stream().map(ProgrammeFile::roadmap).toList());
  }

  /** The file for {@code programme} in the format of {@code tenants/README.md}; reading it back gives an equal record. */
  public static String write(String header, Programme p) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("code", p.code());
    root.put("kind", p.kind().code());
    root.put("title", p.title());
    Map<String, Object> period = new LinkedHashMap<>();
    period.put("from", p.from());
    period.put("to", p.to());
    root.put("period", period);
    put(root, "adopted_on", p.adoptedOn());
    put(root, "territory", p.territory());
    put(root, "supersedes", p.supersedes());
    putList(root, "revisions", p.revisions().stream().map(r -> map("date", r.date(), "note", r.note())).toList());
    put(root, "summary", p.summary());
    putList(root, "notes", p.notes());
    putList(root, "signatories", p.signatories().stream()
        .map(s -> map("name", s.name(), "represented_by", s.representedBy())).toList());
    putList(root, "commitments", p.commitments().stream().map(c -> map("partner", c.partner(), "items", c.items())).toList());
    putList(root, "governance", p.governance().stream().map(body -> {
      Map<String, Object> item = map("code", body.code(), "name", body.name(), "role", body.role());
      putList(item, "members", body.members());
      put(item, "cadence", body.cadence());
      putList(item, "meetings", body.meetings().stream().map(m -> {
        Map<String, Object> meeting = map("date", m.date());
        putList(meeting, "participants", m.participants());
        putList(meeting, "decisions", m.decisions());
        put(meeting, "minutes", m.minutes());
        return meeting;
      }).toList());
      return item;
    }).toList());
    root.put("axes", p.axes().stream().map(axis -> {
      Map<String, Object> item = map("code", axis.code(), "title", axis.title(), "description", axis.description(),
          "status", axis.status(), "planned", axis.planned());
      putList(item, "notes", axis.notes());
      item.put("fiches", axis.fiches().stream().map(fiche -> {
        Map<String, Object> f = map("code", fiche.code(), "title", fiche.title(),
            "starting_situation", fiche.startingSituation(), "desired_situation", fiche.desiredSituation());
        putList(f, "notes", fiche.notes());
        f.put("actions", fiche.actions().stream().map(action -> {
          Map<String, Object> a = map("code", action.code(), "title", action.title(), "description", action.description(),
              "target_public", action.targetPublic());
          putList(a, "pilots", action.pilots());
          putList(a, "partners", action.partners());
          put(a, "calendar", action.calendar());
          putList(a, "indicators", action.indicators().stream().map(i -> {
            Map<String, Object> indicator = map("name", i.name(), "unit", i.unit(), "period", i.period(), "target", i.target());
            if (i.computed() != null) {
              indicator.put("computed", i.computed().measure().code());
              putList(indicator, "exit_types", i.computed().exitTypes());
              if (i.computed().withSubActions()) {
                indicator.put("with_sub_actions", true);
              }
            }
            return indicator;
          }).toList());
          putList(a, "notes", action.notes());
          return a;
        }).toList());
        return f;
      }).toList());
      return item;
    }).toList());
    putList(root, "roadmaps", p.roadmaps().stream().map(roadmap -> {
      Map<String, Object> item = map("territory", roadmap.territory(), "title", roadmap.title());
      item.put("chantiers", roadmap.chantiers().stream().map(c -> {
        Map<String, Object> chantier = map("code", c.code(), "title", c.title(), "description", c.description());
        putList(chantier, "partners", c.partners());
        putList(chantier, "actions", c.actions());
        putList(chantier, "notes", c.notes());
        return chantier;
      }).toList());
      return item;
    }).toList());
    return YamlWriter.write(header, root);
  }

  /** A map of the non-null values among key, value, key, value… in that order. */
  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      put(map, (String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static void put(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** Optional lists are left out when empty, as the files written by hand do. */
  private static void putList(Map<String, Object> map, String key, List<?> values) {
    if (!values.isEmpty()) {
      map.put(key, values);
    }
  }

  private static Axis axis(Mapping item) {
    item.onlyKeys("code", "title", "description", "status", "planned", "notes", "fiches");
    return new Axis(publishedCode(item), text(item, "title"), optional(item, "description"), optional(item, "status"),
        optional(item, "planned"), item.strings("notes"), unique(item, "fiches", ProgrammeFile::fiche, Fiche::code));
  }

  private static Fiche fiche(Mapping item) {
    item.onlyKeys("code", "title", "starting_situation", "desired_situation", "notes", "actions");
    return new Fiche(publishedCode(item), text(item, "title"), optional(item, "starting_situation"),
        optional(item, "desired_situation"), item.strings("notes"), unique(item, "actions", ProgrammeFile::action, Action::code));
  }

  private static Action action(Mapping item) {
    item.onlyKeys("code", "title", "description", "target_public", "pilots", "partners", "calendar", "indicators", "notes");
    return new Action(publishedCode(item), text(item, "title"), optional(item, "description"),
        optional(item, "target_public"), item.strings("pilots"), item.strings("partners"), optional(item, "calendar"),
        item.mappings("indicators").stream().map(ProgrammeFile::indicator).toList(), item.strings("notes"));
  }

  private static Indicator indicator(Mapping item) {
    item.onlyKeys("name", "unit", "period", "target", "computed", "exit_types", "with_sub_actions");
    return new Indicator(text(item, "name"), optional(item, "unit"), optional(item, "period"), optional(item, "target"),
        computed(item));
  }

  /** {@code computed: <measure>}, with {@code exit_types} and {@code with_sub_actions} when the measure reads them. */
  private static Programme.Computed computed(Mapping item) {
    String code = item.optionalString("computed", ANY, "une mesure parmi " + ProgrammeMeasure.codes()).orElse(null);
    List<String> exitTypes = item.strings("exit_types");
    Object sub = item.plain("with_sub_actions").orElse(null);
    if (sub != null && !(sub instanceof Boolean) && !"true".equals(sub) && !"false".equals(sub)) {
      throw item.errorAt("with_sub_actions", "true ou false était attendu, trouvé « " + sub + " »");
    }
    boolean withSubActions = Boolean.TRUE.equals(sub) || "true".equals(sub);
    if (code == null) {
      if (!exitTypes.isEmpty()) {
        throw item.errorAt("exit_types", "les types de sortie ne servent qu'avec « computed: exits » ou « positive-exit-rate »");
      }
      if (sub != null) {
        throw item.errorAt("with_sub_actions", "ne sert qu'avec « computed »");
      }
      return null;
    }
    ProgrammeMeasure measure = fr.pacte.server.text.Coded.find(ProgrammeMeasure.class, code).orElseThrow(() ->
        item.errorAt("computed", "une mesure parmi " + ProgrammeMeasure.codes() + " était attendue, trouvé « " + code + " »"));
    if (!measure.readsExitTypes() && !exitTypes.isEmpty()) {
      throw item.errorAt("exit_types", "les types de sortie ne servent qu'avec « computed: exits » ou « positive-exit-rate »");
    }
    if (measure == ProgrammeMeasure.POSITIVE_EXIT_RATE && exitTypes.isEmpty()) {
      throw item.errorAt("exit_types", "le taux de sortie positive demande les types de sortie comptés comme positifs "
          + "(codes de la typologie des sorties, par exemple [emploi-durable, sortie-positive])");
    }
    exitTypes.stream().filter(type -> !CODE.matcher(type).matches()).findFirst().ifPresent(type -> {
      throw item.errorAt("exit_types", "des codes de la typologie des sorties étaient attendus, trouvé « " + type + " »");
    });
    return new Programme.Computed(measure, exitTypes, withSubActions);
  }

  /**
   * What the programme refers to and does not exist: territories the tenant does not have ({@code territories}, its
   * codes) and, in roadmaps, actions the programme does not hold. Each with its file, line and field.
   */
  public static List<YamlFileException> unknownReferences(Mapping root, Programme programme, java.util.Set<String> territories) {
    List<YamlFileException> unknown = new java.util.ArrayList<>();
    root.optionalString("territory", CODE, "le code d'un territoire du département")
        .filter(code -> !territories.contains(code))
        .ifPresent(code -> unknown.add(root.errorAt("territory", "territoire inconnu dans ce département : « " + code + " »")));
    java.util.Set<String> actions = new java.util.HashSet<>();
    programme.axes().forEach(axis -> axis.fiches().forEach(fiche -> fiche.actions().forEach(action -> actions.add(action.code()))));
    for (Mapping roadmap : root.mappings("roadmaps")) {
      String code = roadmap.requiredString("territory", CODE, "le code d'un territoire du département");
      if (!territories.contains(code)) {
        unknown.add(roadmap.errorAt("territory", "feuille de route pour un territoire inconnu dans ce département : « " + code + " »"));
      }
      for (Mapping chantier : roadmap.mappings("chantiers")) {
        List<String> missing = chantier.strings("actions").stream().filter(action -> !actions.contains(action)).toList();
        if (!missing.isEmpty()) {
          unknown.add(chantier.errorAt("actions", "actions absentes de ce programme : " + String.join(", ", missing)));
        }
      }
    }
    return unknown;
  }

  private static Roadmap roadmap(Mapping item) {
    item.onlyKeys("territory", "title", "chantiers");
    return new Roadmap(item.requiredString("territory", CODE, "le code d'un territoire du département"), text(item, "title"),
        unique(item, "chantiers", ProgrammeFile::chantier, Chantier::code));
  }

  private static Chantier chantier(Mapping item) {
    item.onlyKeys("code", "title", "description", "partners", "actions", "notes");
    return new Chantier(publishedCode(item), text(item, "title"), optional(item, "description"), item.strings("partners"),
        item.strings("actions"), item.strings("notes"));
  }

  private static Commitment commitment(Mapping item) {
    item.onlyKeys("partner", "items");
    return new Commitment(text(item, "partner"), item.strings("items"));
  }

  private static Signatory signatory(Mapping item) {
    item.onlyKeys("name", "represented_by");
    return new Signatory(text(item, "name"), optional(item, "represented_by"));
  }

  private static GovernanceBody governance(Mapping item) {
    item.onlyKeys("code", "name", "role", "members", "cadence", "meetings");
    return new GovernanceBody(item.requiredString("code", CODE, "un code en minuscules, chiffres et tirets"),
        text(item, "name"), optional(item, "role"), item.strings("members"), optional(item, "cadence"),
        item.mappings("meetings").stream().map(ProgrammeFile::meeting).toList());
  }

  private static Meeting meeting(Mapping item) {
    item.onlyKeys("date", "participants", "decisions", "minutes");
    return new Meeting(requiredDate(item, "date"), item.strings("participants"), item.strings("decisions"),
        optional(item, "minutes"));
  }

  private static Revision revision(Mapping item) {
    item.onlyKeys("date", "note");
    return new Revision(requiredDate(item, "date"), text(item, "note"));
  }

  /** Items of a list whose codes must not repeat within it. */
  private static <T> List<T> unique(Mapping parent, String key, Function<Mapping, T> reader, Function<T, String> code) {
    Set<String> seen = new HashSet<>();
    List<Mapping> items = parent.mappings(key);
    return items.stream().map(item -> {
      T value = reader.apply(item);
      if (!seen.add(code.apply(value))) {
        throw item.errorAt("code", "le code « " + code.apply(value) + " » est déjà utilisé dans cette liste");
      }
      return value;
    }).toList();
  }

  private static String publishedCode(Mapping item) {
    return item.requiredString("code", PUBLISHED_CODE, "le code tel que publié (chiffres, lettres, tirets)");
  }

  private static String text(Mapping item, String key) {
    return item.requiredString(key, ANY, "un texte");
  }

  private static String optional(Mapping item, String key) {
    return item.optionalString(key, ANY, "un texte").orElse(null);
  }

  private static LocalDate requiredDate(Mapping item, String key) {
    return item.optionalDate(key).orElseThrow(() -> item.errorAt(key, "une date AAAA-MM-JJ est obligatoire"));
  }

  private static LocalDate date(Mapping item, String key) {
    return item.optionalDate(key).orElse(null);
  }
}
