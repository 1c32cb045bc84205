package fr.pacte.server.offer;

import io.vertx.core.json.JsonObject;

/**
 * One need of a call beside the places of the current offer: {@code gap} is offered minus needed, negative when the
 * offer falls short.
 */
public record NeedGap(String actionType, String actionTypeLabel, String label, String unit, String unitLabel, String territory,
                      String territoryName, int need, int offered, int taken, int gap) {

  public boolean shortfall() {
    return gap < 0;
  }

  public int missing() {
    return Math.max(0, -gap);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("actionType", actionType)
        .put("actionTypeLabel", actionTypeLabel)
        .put("label", label)
        .put("unit", unit)
        .put("unitLabel", unitLabel)
        .put("territory", territory)
        .put("territoryName", territoryName)
        .put("need", need)
        .put("offered", offered)
        .put("taken", taken)
        .put("gap", gap);
  }
}
