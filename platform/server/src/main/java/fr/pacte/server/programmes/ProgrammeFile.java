package fr.pacte.server.programmes;

import fr.pacte.server.config.YamlDocument;
import fr.pacte.server.config.YamlDocument.Mapping;
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
import java.util.List;
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

  static Programme parse(Mapping root) {
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
    item.onlyKeys("name", "unit", "period", "target");
    return new Indicator(text(item, "name"), optional(item, "unit"), optional(item, "period"), optional(item, "target"));
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
