package fr.pacte.plugins.psychological;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.api.SelectionCriterion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model of {@code templates/psychological-support/fiche.peb}: only maps, lists, strings and booleans, never
 * null, so the template neither depends on how the host's Pebble resolves methods on plugin classes nor breaks
 * under strict variables.
 */
final class FichePage {

  static final String TEMPLATE = "templates/psychological-support/fiche.peb";

  /** The fiche's own headings, as published. */
  static final String TARGET_PUBLIC_HEADING = "Publics cibles et prérequis";
  static final String OUTCOMES_HEADING = "Attendus en fin d'action";

  private FichePage() {
  }

  static String title(ActionTypeDescriptor d) {
    return d.label().fr();
  }

  static Map<String, Object> model(ActionTypeDescriptor d) {
    Map<String, Object> fiche = new LinkedHashMap<>();
    fiche.put("label", d.label().fr());
    fiche.put("mode", d.mode().label().fr());
    fiche.put("capacityUnit", d.capacityUnit().label().fr());
    fiche.put("targetPublicHeading", TARGET_PUBLIC_HEADING);
    fiche.put("targetPublic", List.of(d.targetPublic().fr().split("\n")));
    fiche.put("eligibility", d.eligibility().statement().fr());
    fiche.put("rhythm", d.rhythm().fr());
    fiche.put("duration", d.maximumDurationMonths() == null
        ? "Pas de durée maximale fixée par la fiche"
        : d.maximumDurationMonths() + " mois maximum");
    fiche.put("renewal", d.renewal().renewable() ? d.renewal().condition().fr() : "Pas de renouvellement prévu");
    fiche.put("objectives", d.objectives());
    fiche.put("modalities", d.modalities());
    List<Map<String, Object>> fields = new ArrayList<>();
    for (ParticipationField field : d.participationFields()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("label", field.label().fr());
      row.put("kind", kind(field.type()));
      row.put("options", field.options().stream().map(LocalizedText::fr).toList());
      fields.add(row);
    }
    fiche.put("fields", fields);
    List<Map<String, String>> indicators = new ArrayList<>();
    for (IndicatorDefinition indicator : d.indicators()) {
      indicators.add(Map.of("label", indicator.label().fr(), "unit", indicator.unit()));
    }
    fiche.put("indicators", indicators);
    fiche.put("outcomesHeading", OUTCOMES_HEADING);
    fiche.put("expectedOutcomes", d.expectedOutcomes());
    fiche.put("selectionCriteria", d.selectionCriteria().stream().map(SelectionCriterion::label).map(LocalizedText::fr).toList());
    fiche.put("applicationAttachments", d.applicationAttachments());
    fiche.put("notes", d.notes());
    return Map.of("fiche", fiche);
  }

  /** How a participation field is filled in, in French. */
  static String kind(ParticipationField.Type type) {
    return switch (type) {
      case TEXT -> "texte libre";
      case BOOLEAN -> "oui ou non";
      case DATE -> "date";
      case NUMBER -> "nombre";
      case CHOICE -> "un choix parmi";
      case MULTI_CHOICE -> "un ou plusieurs choix parmi";
    };
  }
}
