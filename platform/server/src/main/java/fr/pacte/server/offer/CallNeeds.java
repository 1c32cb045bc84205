package fr.pacte.server.offer;

import fr.pacte.api.CapacityUnit;
import java.util.List;
import java.util.Map;

/**
 * The needs a call for projects sets per territory, as targets for the offer (seed 002 §II.C: a file active
 * for individual follow-up, a number of workshops a year for collective actions).
 */
public record CallNeeds(String call, String title, List<Need> needs, List<String> notes) {

  /**
   * @param actionType  action type code (from its plugin)
   * @param unit        what the figures count
   * @param label       the row label as published
   * @param byTerritory figure per territory code, in the published order
   */
  public record Need(String actionType, CapacityUnit unit, String label, Map<String, Integer> byTerritory) {
  }

  public int need(String actionType, String territory) {
    return needs.stream().filter(need -> need.actionType().equals(actionType)).findFirst()
        .map(need -> need.byTerritory().getOrDefault(territory, 0)).orElse(0);
  }
}
