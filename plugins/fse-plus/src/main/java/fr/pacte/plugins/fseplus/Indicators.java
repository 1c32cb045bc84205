package fr.pacte.plugins.fseplus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The common indicators of Regulation (EU) 2021/1057, Annex I, for the participants of one operation, per calendar
 * year and gender: output indicators counted in the year of entry, immediate results in the year of exit, longer-term
 * results in the year the six-month collection fell due. Codes are those of the programmes' performance framework
 * (EECO for outputs, EECR for results). A participant whose gender is not recorded counts in the total only.
 */
final class Indicators {

  enum Moment { ENTRY, EXIT, SIX_MONTHS }

  record Definition(String code, String label, Moment moment, Predicate<Participant> counts) {
  }

  static final List<Definition> COMMON = List.of(
      new Definition("EECO01", "Nombre total de participants", Moment.ENTRY, p -> true),
      new Definition("EECO02", "Chômeurs, y compris les chômeurs de longue durée", Moment.ENTRY,
          p -> "unemployed".equals(p.labourStatus()) || "long-term-unemployed".equals(p.labourStatus())),
      new Definition("EECO03", "Chômeurs de longue durée", Moment.ENTRY, p -> "long-term-unemployed".equals(p.labourStatus())),
      new Definition("EECO04", "Personnes inactives", Moment.ENTRY, p -> "inactive".equals(p.labourStatus())),
      new Definition("EECO05", "Personnes exerçant un emploi, y compris les indépendants", Moment.ENTRY,
          p -> "employed".equals(p.labourStatus())),
      new Definition("EECO06", "Participants de moins de 18 ans", Moment.ENTRY, p -> "below-18".equals(p.ageBand())),
      new Definition("EECO07", "Participants de 18 à 29 ans", Moment.ENTRY, p -> "18-29".equals(p.ageBand())),
      new Definition("EECO08", "Participants de 55 ans et plus", Moment.ENTRY, p -> "55-plus".equals(p.ageBand())),
      new Definition("EECO09", "Titulaires d'un diplôme CITE 0 à 2", Moment.ENTRY, p -> "isced-0-2".equals(p.education())),
      new Definition("EECO10", "Titulaires d'un diplôme CITE 3 ou 4", Moment.ENTRY, p -> "isced-3-4".equals(p.education())),
      new Definition("EECO11", "Titulaires d'un diplôme CITE 5 à 8", Moment.ENTRY, p -> "isced-5-8".equals(p.education())),
      new Definition("EECO12", "Participants handicapés", Moment.ENTRY, p -> yes(p, "disability")),
      new Definition("EECO13", "Ressortissants de pays tiers", Moment.ENTRY, p -> yes(p, "third_country")),
      new Definition("EECO14", "Participants d'origine étrangère", Moment.ENTRY, p -> yes(p, "foreign_background")),
      new Definition("EECO15", "Minorités (y compris les communautés marginalisées telles que les Roms)", Moment.ENTRY,
          p -> yes(p, "minority")),
      new Definition("EECO16", "Sans domicile fixe ou personnes exclues du logement", Moment.ENTRY, p -> yes(p, "homeless")),
      new Definition("EECO17", "Participants issus de zones rurales", Moment.ENTRY, p -> yes(p, "rural")),
      new Definition("EECR01", "Participants à la recherche d'un emploi au terme de leur participation", Moment.EXIT,
          p -> p.exitResults().contains("job-searching")),
      new Definition("EECR02", "Participants suivant un enseignement ou une formation au terme de leur participation",
          Moment.EXIT, p -> p.exitResults().contains("education-training")),
      new Definition("EECR03", "Participants obtenant une qualification au terme de leur participation", Moment.EXIT,
          p -> p.exitResults().contains("qualification")),
      new Definition("EECR04", "Participants exerçant un emploi, y compris à titre indépendant, au terme de leur participation",
          Moment.EXIT, p -> p.exitResults().contains("employment")),
      new Definition("EECR05", "Participants exerçant un emploi six mois après la fin de leur participation",
          Moment.SIX_MONTHS, p -> Boolean.TRUE.equals(p.employedAfterSixMonths())),
      new Definition("EECR06", "Participants dont la situation sur le marché du travail s'est améliorée six mois après la "
          + "fin de leur participation", Moment.SIX_MONTHS, p -> Boolean.TRUE.equals(p.improvedAfterSixMonths())));

  /** One indicator in one year: women, men, non-binary and the total. */
  record Line(String code, String label, int year, int women, int men, int nonBinary, int total) {

    JsonObject toJson() {
      return new JsonObject().put("code", code).put("label", label).put("year", year).put("women", women)
          .put("men", men).put("nonBinary", nonBinary).put("total", total);
    }

    Map<String, Object> view() {
      return Map.of("code", code, "label", label, "year", year, "women", women, "men", men, "nonBinary", nonBinary,
          "total", total);
    }
  }

  private Indicators() {
  }

  static List<Line> compute(List<Participant> participants) {
    TreeSet<Integer> years = new TreeSet<>();
    for (Participant p : participants) {
      years.add(p.entryDate().getYear());
      if (p.exitDate() != null) {
        years.add(p.exitDate().getYear());
        years.add(p.sixMonthsDueOn().getYear());
      }
    }
    List<Line> lines = new ArrayList<>();
    for (int year : years) {
      for (Definition definition : COMMON) {
        int women = 0;
        int men = 0;
        int nonBinary = 0;
        int total = 0;
        for (Participant p : participants) {
          if (yearOf(p, definition.moment()) != null && yearOf(p, definition.moment()) == year && definition.counts().test(p)) {
            total++;
            if ("woman".equals(p.gender())) {
              women++;
            } else if ("man".equals(p.gender())) {
              men++;
            } else if ("non-binary".equals(p.gender())) {
              nonBinary++;
            }
          }
        }
        lines.add(new Line(definition.code(), definition.label(), year, women, men, nonBinary, total));
      }
    }
    return lines;
  }

  static JsonArray toJson(List<Line> lines) {
    return new JsonArray(lines.stream().map(Line::toJson).toList());
  }

  private static Integer yearOf(Participant p, Moment moment) {
    return switch (moment) {
      case ENTRY -> p.entryDate().getYear();
      case EXIT -> p.exitDate() == null || p.exitCollectedOn() == null ? null : p.exitDate().getYear();
      case SIX_MONTHS -> p.sixMonthsCollectedOn() == null ? null : p.sixMonthsDueOn().getYear();
    };
  }

  private static boolean yes(Participant p, String characteristic) {
    return "yes".equals(p.sensitive().get(characteristic));
  }
}
