package fr.pacte.server.pathways;

import fr.pacte.server.web.ListTable;
import fr.pacte.server.web.ListTable.Column;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of people as a CSV or XLSX file. Pseudonymised by default: a pseudonym (the one retention gives), the year of
 * birth, the territory, RSA and IAE status — what statistics need and nothing that names the person. Identified
 * (names, birth date, commune, référent) only when the caller's role allows it and a reason was stated.
 */
final class PeopleExport {

  private static final DateTimeFormatter TABLE_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private PeopleExport() {
  }

  /** The pseudonym of a person in exports: stable, drawn from their identifier, as retention writes it. */
  static String pseudonym(Person p) {
    return "Personne " + p.id().toString().replace("-", "").substring(0, 8).toUpperCase(java.util.Locale.ROOT);
  }

  static ListTable table(List<Person> people, boolean identified, Map<String, String> territoryNames) {
    List<Column> columns = identified
        ? List.of(Column.text("name", "Nom"), Column.text("birthDate", "Date de naissance"), Column.text("commune", "Commune"),
            Column.text("territory", "Territoire"), Column.text("rsa", "Allocataire du RSA"), Column.text("iae", "Éligibilité IAE"),
            Column.text("referent", "Référent de parcours"), Column.text("organisation", "Organisation du référent"))
        : List.of(Column.text("pseudonym", "Pseudonyme"), Column.number("birthYear", "Année de naissance"),
            Column.text("territory", "Territoire"), Column.text("rsa", "Allocataire du RSA"), Column.text("iae", "Éligibilité IAE"));
    List<ListTable.Line> lines = people.stream().map(p -> {
      Person.Details d = p.details();
      Map<String, String> cells = new LinkedHashMap<>();
      cells.put("territory", territoryNames.getOrDefault(d.territory(), d.territory()));
      cells.put("rsa", d.rsaRecipient() ? "Oui" : "Non");
      cells.put("iae", d.iaeEligible() == null ? "Non connue" : d.iaeEligible() ? "Éligible" : "Non éligible");
      if (identified) {
        cells.put("name", p.displayName());
        cells.put("birthDate", TABLE_DATE.format(d.birthDate()));
        cells.put("commune", d.commune());
        cells.put("referent", d.referentName());
        cells.put("organisation", d.referentOrganisation());
      } else {
        cells.put("pseudonym", p.pseudonymised() ? p.displayName() : pseudonym(p));
        cells.put("birthYear", String.valueOf(d.birthDate().getYear()));
      }
      return new ListTable.Line(null, null, cells);
    }).toList();
    return new ListTable(identified ? "Personnes (export nominatif)" : "Personnes (export pseudonymisé)",
        identified ? "personnes-nominatif" : "personnes-pseudonymise", columns, lines);
  }
}
