package fr.pacte.server.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A chart drawn on the server as SVG: bars per category (side by side or stacked), optionally a line over them (a
 * target), with a title and a description for assistive technologies and a legend. The page puts the same figures
 * in a table beside it. Colours are the Okabe-Ito palette, told apart with any colour vision.
 */
final class SvgChart {

  static final String[] PALETTE = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#6B6B6B", "#F0E442"};
  private static final int WIDTH = 760;
  private static final int HEIGHT = 280;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;
  private static final int TOP = 16;
  private static final int BOTTOM = 52;

  /** A series: its name in the legend and a value per category (null: no value). */
  record Series(String name, List<? extends Number> values) {
  }

  private SvgChart() {
  }

  /**
   * @param id       unique on the page (the title's and description's ids derive from it)
   * @param stacked  bars stacked rather than side by side
   * @param line     a line drawn over the bars (e.g. the target), or null
   */
  static String bars(String id, String title, String description, List<String> categories, List<Series> series,
                     boolean stacked, Series line) {
    double max = 0;
    for (int i = 0; i < categories.size(); i++) {
      double total = 0;
      for (Series s : series) {
        double v = value(s, i);
        total = stacked ? total + v : Math.max(total, v);
      }
      max = Math.max(max, total);
      if (line != null) {
        max = Math.max(max, value(line, i));
      }
    }
    double top = nice(max);
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart-svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-titre ").append(id).append("-desc\" focusable=\"false\">")
        .append("<title id=\"").append(id).append("-titre\">").append(escape(title)).append("</title>")
        .append("<desc id=\"").append(id).append("-desc\">").append(escape(description)).append("</desc>");
    for (int g = 0; g <= 4; g++) {
      double v = top * g / 4;
      int y = TOP + plotHeight - (int) Math.round(plotHeight * g / 4.0);
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y)
          .append("\" y2=\"").append(y).append("\" stroke=\"#d0d0d0\" stroke-width=\"1\"/>")
          .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + 4)
          .append("\" text-anchor=\"end\" font-size=\"12\" fill=\"#333\">").append(number(v)).append("</text>");
    }
    int n = Math.max(1, categories.size());
    double band = (double) plotWidth / n;
    double barWidth = stacked || series.isEmpty() ? band * 0.7 : band * 0.8 / series.size();
    for (int i = 0; i < categories.size(); i++) {
      double x0 = LEFT + band * i + band * (stacked ? 0.15 : 0.1);
      double base = 0;
      for (int s = 0; s < series.size(); s++) {
        double v = value(series.get(s), i);
        int h = (int) Math.round(plotHeight * v / top);
        double x = stacked ? x0 : x0 + barWidth * s;
        int y = TOP + plotHeight - (int) Math.round(plotHeight * base / top) - h;
        if (h > 0) {
          svg.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" width=\"").append(fmt(barWidth))
              .append("\" height=\"").append(h).append("\" fill=\"").append(PALETTE[s % PALETTE.length]).append("\">")
              .append("<title>").append(escape(categories.get(i) + " — " + series.get(s).name() + " : " + number(v)))
              .append("</title></rect>");
        }
        if (stacked) {
          base += v;
        }
      }
      if (n <= 14 || i % ((n + 13) / 14) == 0) {
        svg.append("<text x=\"").append(fmt(LEFT + band * i + band / 2)).append("\" y=\"").append(HEIGHT - BOTTOM + 18)
            .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#333\">").append(escape(short_(categories.get(i), band)))
            .append("</text>");
      }
    }
    if (line != null) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < categories.size(); i++) {
        Number raw = i < line.values().size() ? line.values().get(i) : null;
        if (raw == null) {
          continue;
        }
        double x = LEFT + band * i + band / 2;
        int y = TOP + plotHeight - (int) Math.round(plotHeight * raw.doubleValue() / top);
        points.append(fmt(x)).append(',').append(y).append(' ');
        svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(y).append("\" r=\"4\" fill=\"#000\">")
            .append("<title>").append(escape(categories.get(i) + " — " + line.name() + " : " + number(raw.doubleValue())))
            .append("</title></circle>");
      }
      if (points.length() > 0) {
        svg.append("<polyline points=\"").append(points.toString().strip())
            .append("\" fill=\"none\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
      }
    }
    svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(TOP + plotHeight)
        .append("\" y2=\"").append(TOP + plotHeight).append("\" stroke=\"#333\" stroke-width=\"1\"/>");
    svg.append("</svg>");
    return svg.toString();
  }

  /** The legend: a swatch and a name per series (and the line's, dashed). */
  static List<Legend> legend(List<Series> series, Series line) {
    List<Legend> legend = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      legend.add(new Legend(series.get(s).name(), PALETTE[s % PALETTE.length], false));
    }
    if (line != null) {
      legend.add(new Legend(line.name(), "#000", true));
    }
    return legend;
  }

  record Legend(String name, String colour, boolean line) {
  }

  private static double value(Series s, int i) {
    Number v = i < s.values().size() ? s.values().get(i) : null;
    return v == null ? 0 : Math.max(0, v.doubleValue());
  }

  /** A round top for the axis: 1, 2, 2.5 or 5 times a power of ten, at least the largest value. */
  static double nice(double max) {
    if (max <= 0) {
      return 4;
    }
    double power = Math.pow(10, Math.floor(Math.log10(max)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= max) {
        return Math.max(4, step * power);
      }
    }
    return 10 * power;
  }

  private static String short_(String label, double band) {
    int room = Math.max(3, (int) (band / 7));
    return label.length() <= room ? label : label.substring(0, room - 1) + "…";
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.FRENCH, "%.1f", v);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
