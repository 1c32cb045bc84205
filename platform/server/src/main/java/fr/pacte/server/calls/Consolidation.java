package fr.pacte.server.calls;

import fr.pacte.server.calls.CallForProjects.Criterion;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reviewers' submitted sheets of one project put together: each reviewer's weighted total, their mean and spread,
 * the disagreement flag when the spread goes above the threshold (a share of the best total), the criteria on which
 * two reviewers are more than one level apart, and the consolidated score: the one agreed and justified if any,
 * otherwise the mean. Points are exact; means and shares are rounded half up to two decimals at the end only.
 */
public record Consolidation(int maxPoints, List<Total> totals, BigDecimal meanPoints, int spreadPoints,
                            BigDecimal spreadPercent, int thresholdPercent, boolean disagreement,
                            List<String> criteriaApart, Agreed agreed) {

  /** Above this share of the best total, the reviewers' spread is flagged for discussion. */
  public static final int DEFAULT_THRESHOLD_PERCENT = 15;

  /** A reviewer's weighted total. */
  public record Total(String reviewer, int points, BigDecimal percent) {
  }

  /** The score agreed after discussion, in points, with why. */
  public record Agreed(BigDecimal points, String justification) {
  }

  /** A submitted sheet: who and the score given on each criterion (by {@link SelectionGrid#key}). */
  public record Sheet(String reviewer, Map<String, Integer> scores) {
  }

  public static Consolidation of(SelectionGrid grid, List<Sheet> sheets, int thresholdPercent, Agreed agreed) {
    int max = grid.maxPoints();
    List<Total> totals = new ArrayList<>();
    for (Sheet sheet : sheets) {
      int points = grid.points(sheet.scores());
      totals.add(new Total(sheet.reviewer(), points, percent(BigDecimal.valueOf(points), max)));
    }
    if (totals.isEmpty()) {
      return new Consolidation(max, List.of(), null, 0, BigDecimal.ZERO.setScale(2), thresholdPercent, false, List.of(), agreed);
    }
    int sum = totals.stream().mapToInt(Total::points).sum();
    BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(totals.size()), 2, RoundingMode.HALF_UP);
    int spread = totals.stream().mapToInt(Total::points).max().getAsInt() - totals.stream().mapToInt(Total::points).min().getAsInt();
    // spread / max > threshold / 100, compared in integers: no rounding decides a flag.
    boolean disagreement = (long) spread * 100 > (long) thresholdPercent * max;
    List<String> apart = new ArrayList<>();
    for (Criterion criterion : grid.criteria()) {
      String key = SelectionGrid.key(criterion);
      int high = sheets.stream().mapToInt(s -> s.scores().get(key)).max().getAsInt();
      int low = sheets.stream().mapToInt(s -> s.scores().get(key)).min().getAsInt();
      if (high - low > 1) {
        apart.add(key);
      }
    }
    return new Consolidation(max, List.copyOf(totals), mean, spread, percent(BigDecimal.valueOf(spread), max),
        thresholdPercent, disagreement, List.copyOf(apart), agreed);
  }

  /** The score the project is ranked on, in points: the agreed one, else the mean; null before any sheet. */
  public BigDecimal points() {
    return agreed != null ? agreed.points().setScale(2, RoundingMode.HALF_UP) : meanPoints;
  }

  /** The same out of 100. */
  public BigDecimal percent() {
    BigDecimal points = points();
    return points == null ? null : percent(points, maxPoints);
  }

  /** True once the score can be ranked without discussion: no disagreement, or a score agreed. */
  public boolean settled() {
    return !totals.isEmpty() && (agreed != null || !disagreement);
  }

  static BigDecimal percent(BigDecimal points, int max) {
    if (max == 0) {
      return BigDecimal.ZERO.setScale(2);
    }
    return points.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(max), 2, RoundingMode.HALF_UP);
  }
}
