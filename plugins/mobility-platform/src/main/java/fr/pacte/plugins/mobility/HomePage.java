package fr.pacte.plugins.mobility;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.FieldError;
import fr.pacte.api.FrenchDays;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.SelectionCriterion;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model of {@code templates/mobility-platform/home.peb}. Only maps, lists, strings, numbers and booleans,
 * so the template never depends on how the host's Pebble resolves methods on plugin classes.
 */
final class HomePage {

  static final String TEMPLATE = "templates/mobility-platform/home.peb";
  static final String TITLE = "Plateforme mobilité solidaire";
  static final int LATEST = 10;

  private static final String NOT_GIVEN = "Non précisé";

  private HomePage() {
  }

  /** What the form shows: the values to put back in the fields and the message of each wrong field. */
  record Form(Map<String, String> values, List<FieldError> errors) {

    static Form blank(LocalDate today) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put(SolicitationInput.RECEIVED_ON, today.toString());
      return new Form(values, List.of());
    }

    static Form of(SolicitationInput.Parsed parsed) {
      return new Form(parsed.values(), parsed.errors());
    }

    boolean hasErrors() {
      return !errors.isEmpty();
    }
  }

  /** The page title; it starts with the error so that screen reader users hear it first (RGAA 11.10). */
  static String title(Form form) {
    return form.hasErrors() ? "Erreur de saisie – " + TITLE : TITLE;
  }

  static Map<String, Object> model(ActionTypeDescriptor descriptor, SolicitationStore.Overview overview, Form form,
      LocalDate today, List<String> territories, boolean saved) {
    return model(descriptor, overview, form, today, territories, List.of(), saved);
  }

  /** With {@code choices}, the tenant's territories: the territory is then a choice among them, not free text. */
  static Map<String, Object> model(ActionTypeDescriptor descriptor, SolicitationStore.Overview overview, Form form,
      LocalDate today, List<String> territories, List<String> choices, boolean saved) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("fiche", fiche(descriptor));
    model.put("solicitations", solicitations(overview));
    Map<String, Object> formModel = form(form, today, territories);
    String chosen = form.values().getOrDefault(SolicitationInput.TERRITORY, "");
    formModel.put("choices", choices.stream().map(name -> Map.of("name", name, "selected", name.equals(chosen))).toList());
    model.put("form", formModel);
    model.put("saved", saved);
    return model;
  }

  static Map<String, Object> fiche(ActionTypeDescriptor d) {
    Map<String, Object> fiche = new LinkedHashMap<>();
    fiche.put("label", d.label().fr());
    fiche.put("mode", d.mode().label().fr());
    fiche.put("capacityUnit", d.capacityUnit().label().fr());
    fiche.put("targetPublic", d.targetPublic().fr());
    fiche.put("rhythm", d.rhythm().fr());
    fiche.put("maximumDuration", d.maximumDurationMonths() == null ? null : d.maximumDurationMonths() + " mois maximum");
    fiche.put("renewal", d.renewal().renewable() ? d.renewal().condition().fr() : "Pas de renouvellement");
    fiche.put("objectives", d.objectives());
    fiche.put("modalities", d.modalities());
    List<Map<String, String>> indicators = new ArrayList<>();
    for (IndicatorDefinition indicator : d.indicators()) {
      indicators.add(Map.of("label", indicator.label().fr(), "unit", indicator.unit()));
    }
    fiche.put("indicators", indicators);
    fiche.put("expectedOutcomes", d.expectedOutcomes());
    List<String> criteria = new ArrayList<>();
    for (SelectionCriterion criterion : d.selectionCriteria()) {
      criteria.add(criterion.label().fr());
    }
    fiche.put("selectionCriteria", criteria);
    fiche.put("applicationAttachments", d.applicationAttachments());
    fiche.put("notes", d.notes());
    return fiche;
  }

  static Map<String, Object> solicitations(SolicitationStore.Overview overview) {
    List<Map<String, String>> latest = new ArrayList<>();
    for (Solicitation s : overview.latest()) {
      Map<String, String> row = new LinkedHashMap<>();
      row.put("receivedOn", s.receivedOn().toString());
      row.put("receivedOnText", FrenchDays.shortDate(s.receivedOn()));
      row.put("territory", s.territory() == null ? NOT_GIVEN : s.territory());
      row.put("channel", s.channel() == null ? NOT_GIVEN : SolicitationChannel.labelOf(s.channel()));
      row.put("reason", s.reason() == null ? NOT_GIVEN : s.reason());
      latest.add(row);
    }
    Map<String, Object> solicitations = new LinkedHashMap<>();
    solicitations.put("count", overview.count());
    solicitations.put("countText", countText(overview.count()));
    solicitations.put("latest", latest);
    return solicitations;
  }

  static String countText(long count) {
    if (count == 0) {
      return "Aucune sollicitation enregistrée pour l'instant.";
    }
    String number = NumberFormat.getIntegerInstance(Locale.FRANCE).format(count);
    return count == 1 ? "1 sollicitation enregistrée." : number + " sollicitations enregistrées.";
  }

  static Map<String, Object> form(Form form, LocalDate today, List<String> territories) {
    // Every field has an entry, empty when fine, so the template also works with Pebble's strictVariables.
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (String field : SolicitationInput.FIELDS) {
      values.put(field, form.values().getOrDefault(field, ""));
      errors.put(field, "");
    }
    List<Map<String, String>> errorList = new ArrayList<>();
    for (FieldError error : form.errors()) {
      // One message next to each field; the summary lists them all.
      if (errors.getOrDefault(error.field(), "").isEmpty()) {
        errors.put(error.field(), error.message());
      }
      errorList.add(Map.of("field", error.field(), "message", error.message()));
    }
    String chosen = values.get(SolicitationInput.CHANNEL);
    SolicitationChannel chosenChannel = chosen.isBlank() ? null : SolicitationChannel.parse(chosen);
    List<Map<String, Object>> channels = new ArrayList<>();
    for (SolicitationChannel channel : SolicitationChannel.values()) {
      channels.add(Map.of("code", channel.code(), "label", channel.label(), "selected", channel == chosenChannel));
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("values", values);
    model.put("errors", errors);
    model.put("errorList", errorList);
    model.put("channels", channels);
    model.put("territories", territories);
    model.put("today", today.toString());
    model.put("earliest", SolicitationInput.EARLIEST.toString());
    model.put("territoryMaxLength", SolicitationInput.TERRITORY_MAX_LENGTH);
    model.put("reasonMaxLength", SolicitationInput.REASON_MAX_LENGTH);
    return model;
  }
}
