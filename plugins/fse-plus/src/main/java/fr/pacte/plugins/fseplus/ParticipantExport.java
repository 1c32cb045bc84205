package fr.pacte.plugins.fseplus;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The participants of an operation as a CSV file for an import into Ma démarche FSE+: one line per participant,
 * semicolon-separated, UTF-8, the columns of {@link #COLUMNS} (described in the plugin's README). The sensitive
 * characteristics are left empty for a caller who may not read them.
 */
final class ParticipantExport {

  static final List<String> COLUMNS = List.of("identifiant_operation", "identifiant_participant", "date_entree",
      "date_sortie", "genre", "tranche_age", "situation_marche_travail", "niveau_cite", "handicap",
      "ressortissant_pays_tiers", "origine_etrangere", "minorite", "sans_domicile", "zone_rurale", "beneficiaire_rsa",
      "type_sortie", "resultat_recherche_emploi", "resultat_formation", "resultat_qualification", "resultat_emploi",
      "emploi_6_mois", "situation_amelioree_6_mois");

  private ParticipantExport() {
  }

  static String csv(List<Participant> participants, boolean withSensitive) {
    StringBuilder out = new StringBuilder();
    out.append(String.join(";", COLUMNS)).append("\r\n");
    for (Participant p : participants) {
      List<String> cells = new ArrayList<>();
      cells.add(p.operationId().toString());
      cells.add(p.participationId().toString());
      cells.add(FrenchDates.shortDay(p.entryDate()));
      cells.add(FrenchDates.shortDay(p.exitDate()));
      cells.add(code(p.gender()));
      cells.add(p.ageBand());
      cells.add(code(p.labourStatus()));
      cells.add(code(p.education()));
      for (String characteristic : Participant.SENSITIVE) {
        cells.add(withSensitive ? code(p.sensitive().get(characteristic)) : "");
      }
      cells.add(p.rsaRecipient() ? "oui" : "non");
      cells.add(code(p.exitType()));
      for (String result : Participant.RESULTS.keySet()) {
        cells.add(p.exitCollectedOn() == null ? "" : p.exitResults().contains(result) ? "oui" : "non");
      }
      cells.add(yesNo(p.employedAfterSixMonths()));
      cells.add(yesNo(p.improvedAfterSixMonths()));
      StringJoiner line = new StringJoiner(";");
      cells.forEach(cell -> line.add(escape(cell)));
      out.append(line).append("\r\n");
    }
    return out.toString();
  }

  static String indicatorsCsv(List<Indicators.Line> lines) {
    StringBuilder out = new StringBuilder("code;indicateur;annee;femmes;hommes;non_binaires;total\r\n");
    for (Indicators.Line line : lines) {
      out.append(line.code()).append(';').append(escape(line.label())).append(';').append(line.year()).append(';')
          .append(line.women()).append(';').append(line.men()).append(';').append(line.nonBinary()).append(';')
          .append(line.total()).append("\r\n");
    }
    return out.toString();
  }

  private static String code(String value) {
    return value == null ? "" : value;
  }

  private static String yesNo(Boolean value) {
    return value == null ? "" : value ? "oui" : "non";
  }

  private static String escape(String cell) {
    String safe = !cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0 && !cell.matches("-?\\d.*") ? "'" + cell : cell;
    return safe.contains(";") || safe.contains("\"") || safe.contains("\n")
        ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
  }
}
