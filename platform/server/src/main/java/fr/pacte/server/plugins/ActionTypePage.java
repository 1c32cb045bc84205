package fr.pacte.server.plugins;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.Eligibility;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.api.SelectionCriterion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard page of an action type's fiche ({@code templates/action-type.peb}), in French. Its model holds only
 * maps, lists and strings, never null, so the template depends neither on how Pebble resolves methods on the API's
 * records nor on which optional parts a plugin's descriptor fills in.
 */
final class ActionTypePage {

  /** The host template, under {@code templates/}, without its extension (as {@code PageLayout.render} takes it). */
  static final String TEMPLATE = "action-type";

  private ActionTypePage() {
  }

  static String title(ActionTypeDescriptor d) {
    return d.label().fr();
  }

  static Map<String, Object> model(ActionTypeDescriptor d) {
    Map<String, Object> fiche = new LinkedHashMap<>();
    fiche.put("label", d.label().fr());
    fiche.put("mode", d.mode().label().fr());
    fiche.put("capacityUnit", d.capacity().label().fr());
    fiche.put("targetPublic", fr(d.targetPublic()).isEmpty() ? List.of() : List.of(fr(d.targetPublic()).split("\n")));
    fiche.put("eligibility", fr(d.eligibility().statement()));
    fiche.put("rsaQuota", d.eligibility().kind() == Eligibility.Kind.OPEN_WITH_RSA_QUOTA
        ? d.eligibility().rsaQuotaPercent() + " %" : "");
    fiche.put("rhythm", fr(d.rhythm()));
    fiche.put("duration", d.maximumDurationMonths() == null
        ? "Pas de durée maximale fixée par la fiche"
        : d.maximumDurationMonths() + " mois maximum");
    fiche.put("renewal", !d.renewal().renewable() ? "Pas de renouvellement prévu"
        : d.renewal().condition() == null ? "Renouvellement possible" : d.renewal().condition().fr());
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
      indicators.add(Map.of("label", indicator.label().fr(), "unit", indicator.unit() == null ? "" : indicator.unit()));
    }
    fiche.put("indicators", indicators);
    fiche.put("expectedOutcomes", d.expectedOutcomes());
    fiche.put("selectionCriteria",
        d.selectionCriteria().stream().map(SelectionCriterion::label).map(LocalizedText::fr).toList());
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

  private static String fr(LocalizedText text) {
    return text == null ? "" : text.fr();
  }
}
