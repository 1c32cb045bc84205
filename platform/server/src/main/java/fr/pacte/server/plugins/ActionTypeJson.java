package fr.pacte.server.plugins;

import fr.pacte.api.ActionTypeDescriptor;
import fr.pacte.api.IndicatorDefinition;
import fr.pacte.api.LocalizedText;
import fr.pacte.api.ParticipationField;
import fr.pacte.api.SelectionCriterion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The JSON form of an action type descriptor, as the API serves it. */
final class ActionTypeJson {

  private ActionTypeJson() {
  }

  static JsonObject of(ActionTypeDescriptor type) {
    return new JsonObject()
        .put("code", type.code())
        .put("label", text(type.label()))
        .put("mode", type.mode().name())
        .put("capacityUnit", type.capacityUnit().name())
        .put("targetPublic", text(type.targetPublic()))
        .put("eligibility", new JsonObject()
            .put("kind", type.eligibility().kind().name())
            .put("rsaQuotaPercent", type.eligibility().rsaQuotaPercent())
            .put("statement", text(type.eligibility().statement())))
        .put("rhythm", text(type.rhythm()))
        .put("maximumDurationMonths", type.maximumDurationMonths())
        .put("renewal", new JsonObject()
            .put("renewable", type.renewal().renewable())
            .put("condition", text(type.renewal().condition()))
            .put("conditionField", type.renewal().conditionField()))
        .put("objectives", new JsonArray(type.objectives()))
        .put("modalities", new JsonArray(type.modalities()))
        .put("participationFields", new JsonArray(type.participationFields().stream().map(ActionTypeJson::field).toList()))
        .put("indicators", new JsonArray(type.indicators().stream().map(ActionTypeJson::indicator).toList()))
        .put("expectedOutcomes", new JsonArray(type.expectedOutcomes()))
        .put("selectionCriteria", new JsonArray(type.selectionCriteria().stream().map(ActionTypeJson::criterion).toList()))
        .put("applicationAttachments", new JsonArray(type.applicationAttachments()))
        .put("notes", new JsonArray(type.notes()));
  }

  private static JsonObject text(LocalizedText text) {
    return text == null ? null : new JsonObject().put("fr", text.fr()).put("en", text.en());
  }

  private static JsonObject field(ParticipationField field) {
    return new JsonObject().put("code", field.code()).put("label", text(field.label())).put("type", field.type().name())
        .put("options", new JsonArray(field.options().stream().map(ActionTypeJson::text).toList()))
        .put("required", field.required());
  }

  private static JsonObject indicator(IndicatorDefinition indicator) {
    return new JsonObject().put("code", indicator.code()).put("label", text(indicator.label())).put("unit", indicator.unit());
  }

  private static JsonObject criterion(SelectionCriterion criterion) {
    return new JsonObject().put("code", criterion.code()).put("label", text(criterion.label()));
  }
}
