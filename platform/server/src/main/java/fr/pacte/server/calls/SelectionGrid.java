package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.Criterion;
import fr.pacte.server.calls.CallForProjects.Level;
import fr.pacte.server.web.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid a project of one lot is scored on: the call's general criteria and the own criteria of the lot's action
 * type, each with its weight and its scale. A reviewer's sheet is checked against it (every criterion, a level of its
 * scale, a justification) and its weighted total computed: sum of score × weight, out of sum of top level × weight.
 */
public record SelectionGrid(String actionType, List<Criterion> criteria) {

  /** Longest justification kept for one criterion. */
  public static final int MAX_JUSTIFICATION = 4000;

  public SelectionGrid {
    criteria = List.copyOf(criteria);
  }

  /** The criteria of {@code call} that apply to a project answering a lot of {@code actionType}. */
  public static SelectionGrid of(CallForProjects call, String actionType) {
    return of(call.content().criteria(), actionType);
  }

  public static SelectionGrid of(List<Criterion> all, String actionType) {
    return new SelectionGrid(actionType, all.stream()
        .filter(c -> c.general() || c.actionType().equals(actionType)).toList());
  }

  /** A criterion's key in a sheet: its code, prefixed by its action type for an action type's own one. */
  public static String key(Criterion criterion) {
    return criterion.general() ? criterion.code() : criterion.actionType() + ":" + criterion.code();
  }

  public static int top(Criterion criterion) {
    return criterion.scale().stream().mapToInt(Level::score).max().orElse(0);
  }

  /** The best total a project can get: each criterion's top level times its weight. */
  public int maxPoints() {
    return criteria.stream().mapToInt(c -> top(c) * c.weight()).sum();
  }

  /** The weighted total of a complete sheet, in points out of {@link #maxPoints()}. */
  public int points(Map<String, Integer> scores) {
    int total = 0;
    for (Criterion criterion : criteria) {
      Integer score = scores.get(key(criterion));
      if (score == null) {
        throw new IllegalArgumentException("no score for " + key(criterion));
      }
      total += score * criterion.weight();
    }
    return total;
  }

  /** One line of a reviewer's sheet. */
  public record Mark(int score, String justification) {
  }

  /**
   * Checks a sheet for submission: every criterion scored on a level of its scale with a justification, nothing
   * else. The errors name the field ({@code scores.<key>}) and say in French what is wrong.
   */
  public List<Problem.FieldError> check(Map<String, Mark> sheet) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Map<String, Criterion> byKey = new LinkedHashMap<>();
    criteria.forEach(c -> byKey.put(key(c), c));
    for (String key : sheet.keySet()) {
      if (!byKey.containsKey(key)) {
        errors.add(new Problem.FieldError("scores." + key, "Ce critère n'est pas dans la grille de ce lot."));
      }
    }
    for (Map.Entry<String, Criterion> entry : byKey.entrySet()) {
      Criterion criterion = entry.getValue();
      Mark mark = sheet.get(entry.getKey());
      String field = "scores." + entry.getKey();
      if (mark == null) {
        errors.add(new Problem.FieldError(field, "Notez le critère « " + criterion.label() + " »."));
        continue;
      }
      if (criterion.scale().stream().noneMatch(level -> level.score() == mark.score())) {
        errors.add(new Problem.FieldError(field, "La note " + mark.score() + " n'est pas un niveau du barème de ce critère ("
            + String.join(", ", criterion.scale().stream().map(l -> l.score() + " « " + l.label() + " »").toList()) + ")."));
      }
      if (mark.justification() == null || mark.justification().isBlank()) {
        errors.add(new Problem.FieldError(field + ".justification", "Justifiez la note du critère « " + criterion.label() + " »."));
      } else if (mark.justification().length() > MAX_JUSTIFICATION) {
        errors.add(new Problem.FieldError(field + ".justification", "La justification dépasse " + MAX_JUSTIFICATION + " caractères."));
      }
    }
    return errors;
  }
}
