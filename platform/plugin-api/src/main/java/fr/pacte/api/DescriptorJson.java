package fr.pacte.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/**
 * The descriptor as JSON, field for field with the record: the one form the host's API and plugins serve.
 * Written by hand because the host does not promise Jackson databind, which {@code JsonObject.mapFrom} needs.
 */
final class DescriptorJson {

  private DescriptorJson() {
  }

  static JsonObject toJson(ActionTypeDescriptor d) {
    return new JsonObject()
        .put("code", d.code())
        .put("label", text(d.label()))
        .put("mode", d.mode().name())
        .put("capacityUnit", d.capacityUnit().name())
        .put("capacity", new JsonObject().put("code", d.capacity().code()).put("label", text(d.capacity().label()))
            .put("countsPeopleAtOnce", d.capacity().countsPeopleAtOnce()))
        .put("targetPublic", text(d.targetPublic()))
        .put("eligibility", eligibility(d.eligibility()))
        .put("rhythm", text(d.rhythm()))
        .put("maximumDurationMonths", d.maximumDurationMonths())
        .put("renewal", renewal(d.renewal()))
        .put("objectives", new JsonArray(d.objectives()))
        .put("modalities", new JsonArray(d.modalities()))
        .put("participationFields", array(d.participationFields(), DescriptorJson::field))
        .put("indicators", array(d.indicators(), DescriptorJson::indicator))
        .put("expectedOutcomes", new JsonArray(d.expectedOutcomes()))
        .put("selectionCriteria", array(d.selectionCriteria(), DescriptorJson::criterion))
        .put("applicationAttachments", new JsonArray(d.applicationAttachments()))
        .put("notes", new JsonArray(d.notes()));
  }

  static JsonObject text(LocalizedText text) {
    return text == null ? null : new JsonObject().put("fr", text.fr()).put("en", text.en());
  }

  private static JsonObject eligibility(Eligibility e) {
    return new JsonObject()
        .put("kind", e.kind().name())
        .put("rule", new JsonObject().put("code", e.rule().code()).put("label", text(e.rule().label())))
        .put("rsaQuotaPercent", e.rsaQuotaPercent())
        .put("statement", text(e.statement()));
  }

  private static JsonObject renewal(RenewalRule r) {
    return new JsonObject()
        .put("renewable", r.renewable())
        .put("condition", text(r.condition()))
        .put("conditionField", r.conditionField());
  }

  private static JsonObject field(ParticipationField f) {
    return new JsonObject()
        .put("code", f.code())
        .put("label", text(f.label()))
        .put("type", f.type().name())
        .put("options", array(f.options(), DescriptorJson::text))
        .put("required", f.required());
  }

  private static JsonObject indicator(IndicatorDefinition i) {
    IndicatorComputation how = i.computation();
    return new JsonObject().put("code", i.code()).put("label", text(i.label())).put("unit", i.unit())
        .put("computation", new JsonObject().put("kind", how.kind().name()).put("fields", new JsonArray(how.fields()))
            .put("value", how.value()));
  }

  private static JsonObject criterion(SelectionCriterion c) {
    return new JsonObject().put("code", c.code()).put("label", text(c.label()));
  }

  private static <T> JsonArray array(List<T> items, Function<T, JsonObject> toJson) {
    JsonArray array = new JsonArray();
    items.forEach(item -> array.add(toJson.apply(item)));
    return array;
  }
}
