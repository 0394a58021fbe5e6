package dev.gearbox.shootout;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The HTML report: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with
 * the machine's description, a summary across workloads (the geometric mean of each contestant's
 * ratio to the fastest and to the JDK baselines) and, per workload, a bar chart of the median cost
 * per unit on a value axis with a scale, error bars from the fastest to the slowest run, and the
 * numbers beside it. Charts scale to the window's width. The markup is well-formed XML, so tools
 * can read it back.
 */
final class HtmlReport {
  /* The chart's coordinates (its viewBox); the page scales them to the window's width. */
  private static final int LABEL_WIDTH = 130;
  private static final int PLOT_WIDTH = 800;
  private static final int RIGHT_MARGIN = 70;
  private static final int ROW_HEIGHT = 26;
  private static final int BAR_HEIGHT = 16;
  private static final int AXIS_HEIGHT = 34;

  private HtmlReport() {}

  static String render(Results results, ZonedDateTime when) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<title>Gearbox shoot-out</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:1.5em 2em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:.5em 0 2em}\n")
        .append("td,th{padding:2px 10px;text-align:right;border-bottom:1px solid #ddd}\n")
        .append("td:first-child,th:first-child{text-align:left}\n")
        .append("svg.chart{display:block;width:100%;height:auto;max-height:80vh}\n")
        .append(".bar{fill:#4878a8}.best{fill:#2e8b57}.whisker{stroke:#222;stroke-width:1.5}\n")
        .append(".grid{stroke:#ddd;stroke-width:1}.axis{stroke:#666;stroke-width:1}\n")
        .append(".value{paint-order:stroke;stroke:#fff;stroke-width:3px;font-weight:600}\n")
        .append("svg text{font-size:12px}\n</style>\n</head>\n<body>\n")
        .append("<h1>Gearbox shoot-out</h1>\n<p>")
        .append(escape(results.mode()))
        .append(", ")
        .append(escape(when.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)))
        .append(".</p>\n<p class=\"machine\">Machine: ")
        .append(escape(results.machine().describe()))
        .append(".</p>\n<p>Bars: the median cost per unit of the timed runs (lower is better);")
        .append(" whiskers: the fastest and the slowest run; green: the fastest.")
        .append(" × forkjoin, × virtual: the median over that JDK baseline's on the same workload")
        .append(" (below 1 is faster).</p>\n");
    summary(html, results);
    for (String workload : results.workloads()) {
      section(html, results, workload);
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static void section(StringBuilder html, Results results, String workload) {
    List<Measurement> rows = results.of(workload);
    Measurement first = rows.get(0);
    String unit = "ns per " + first.unit();
    html.append("<section class=\"workload\" id=\"")
        .append(escape(workload))
        .append("\">\n<h2>")
        .append(escape(workload))
        .append("</h2>\n<p>")
        .append(String.format(Locale.ROOT, "%,d", first.unitsPerRun()))
        .append(' ')
        .append(escape(first.unit()))
        .append("s per run; ")
        .append(escape(unit))
        .append(".</p>\n");
    chart(html, results, rows, unit);
    table(html, results, rows);
    html.append("</section>\n");
  }

  private static void chart(
      StringBuilder html, Results results, List<Measurement> rows, String unit) {
    double max =
        rows.stream()
            .filter(Measurement::measured)
            .mapToDouble(m -> (double) m.maxNanos() / m.unitsPerRun())
            .max()
            .orElse(1);
    Axis axis = Axis.upTo(max > 0 ? max : 1);
    double scale = axis.end();
    int plotHeight = rows.size() * ROW_HEIGHT + 5;
    int height = plotHeight + AXIS_HEIGHT;
    int width = LABEL_WIDTH + PLOT_WIDTH + RIGHT_MARGIN;
    html.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\""
                + " role=\"img\" aria-label=\"%s\">\n",
            width,
            height,
            escape(unit)));
    valueAxis(html, axis, plotHeight, unit);
    double fastest = results.fastestMedian(rows.get(0).workload()).orElse(Double.NaN);
    for (int i = 0; i < rows.size(); i++) {
      Measurement m = rows.get(i);
      int y = 5 + i * ROW_HEIGHT;
      int middle = y + BAR_HEIGHT / 2;
      html.append(
          String.format(
              Locale.ROOT,
              "<text x=\"0\" y=\"%d\">%s</text>\n",
              middle + 4,
              escape(m.contestant())));
      if (!m.measured()) {
        html.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\">%s</text>\n",
                LABEL_WIDTH + 4,
                middle + 4,
                m.outcome() == Measurement.Outcome.FAILED ? "failed" : "n/a"));
        continue;
      }
      double median = m.nanosPerUnit();
      double low = (double) m.minNanos() / m.unitsPerRun();
      double high = (double) m.maxNanos() / m.unitsPerRun();
      html.append(
              String.format(
                  Locale.ROOT,
                  "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\"/>\n",
                  m.medianNanos() == fastest ? "bar best" : "bar",
                  LABEL_WIDTH,
                  y,
                  x(median, scale),
                  BAR_HEIGHT))
          .append(whisker(x(low, scale), x(high, scale), y, middle))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text class=\"value\" x=\"%.1f\" y=\"%d\">%.1f</text>\n",
                  LABEL_WIDTH + x(median, scale) + 4,
                  middle + 4,
                  median));
    }
    html.append("</svg>\n");
  }

  /** Grid lines at every tick, the axis line, the tick labels and the unit under the plot. */
  private static void valueAxis(StringBuilder html, Axis axis, int plotHeight, String unit) {
    for (int i = 0; i <= axis.ticks(); i++) {
      double x = LABEL_WIDTH + x(axis.tick(i), axis.end());
      html.append(
              String.format(
                  Locale.ROOT,
                  "<line class=\"grid\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\"/>\n",
                  x,
                  x,
                  plotHeight + 4))
          .append(
              String.format(
                  Locale.ROOT,
                  "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                  x,
                  plotHeight + 17,
                  axis.label(i)));
    }
    html.append(
            String.format(
                Locale.ROOT,
                "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
                LABEL_WIDTH,
                plotHeight,
                LABEL_WIDTH + PLOT_WIDTH,
                plotHeight))
        .append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                LABEL_WIDTH + PLOT_WIDTH,
                plotHeight + 31,
                escape(unit)));
  }

  private static double x(double value, double scale) {
    return value / scale * PLOT_WIDTH;
  }

  private static String whisker(double low, double high, int top, int middle) {
    String line = "<line class=\"whisker\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>\n";
    return String.format(Locale.ROOT, line, LABEL_WIDTH + low, middle, LABEL_WIDTH + high, middle)
        + String.format(
            Locale.ROOT, line, LABEL_WIDTH + low, top + 3, LABEL_WIDTH + low, top + BAR_HEIGHT - 3)
        + String.format(
            Locale.ROOT,
            line,
            LABEL_WIDTH + high,
            top + 3,
            LABEL_WIDTH + high,
            top + BAR_HEIGHT - 3);
  }

  private static void table(StringBuilder html, Results results, List<Measurement> rows) {
    html.append("<table>\n<tr><th>runtime</th><th>threads</th><th>median ms</th><th>min ms</th>")
        .append("<th>max ms</th><th>ns per unit</th><th>units per s</th><th>× fastest</th>")
        .append("<th>× forkjoin</th><th>× virtual</th></tr>\n");
    for (Measurement m : rows) {
      html.append("<tr><td>")
          .append(escape(m.contestant()))
          .append("</td><td>")
          .append(escape(m.threads()))
          .append("</td>");
      if (m.measured()) {
        html.append(
            String.format(
                Locale.ROOT,
                "<td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.1f</td><td>%,.0f</td>"
                    + "<td>%.2f×</td><td>%s</td><td>%s</td></tr>\n",
                m.medianNanos() / 1e6,
                m.minNanos() / 1e6,
                m.maxNanos() / 1e6,
                m.nanosPerUnit(),
                m.unitsPerSecond(),
                results.ratioToFastest(m),
                ratio(results.ratioTo(m, "forkjoin")),
                ratio(results.ratioTo(m, "virtual"))));
      } else {
        String why = m.outcome() == Measurement.Outcome.FAILED ? "failed: " + m.failure() : "n/a";
        html.append("<td colspan=\"8\">").append(escape(why)).append("</td></tr>\n");
      }
    }
    html.append("</table>\n");
  }

  private static void summary(StringBuilder html, Results results) {
    html.append("<section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n<p>")
        .append("Geometric mean over the workloads each contestant ran of its ratio to the fastest")
        .append(" (1.00× only if fastest everywhere), and to each JDK baseline where both ran.")
        .append("</p>\n<table>\n<tr><th>runtime</th><th>workloads</th><th>× fastest</th>")
        .append("<th>× forkjoin</th><th>× virtual</th></tr>\n");
    for (Summary line : Summary.of(results)) {
      html.append("<tr><td>")
          .append(escape(line.contestant()))
          .append(
              String.format(
                  Locale.ROOT,
                  "</td><td>%d</td><td>%.2f×</td>",
                  line.workloads(),
                  line.toFastest()));
      for (OptionalDouble toBaseline : line.toBaselines()) {
        html.append("<td>").append(ratio(toBaseline)).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n</section>\n");
  }

  /** A ratio as {@code 1.23×}, or {@code –} when there is none. */
  static String ratio(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.2f×", value.getAsDouble()) : "–";
  }

  /** Escapes text for HTML content and attribute values. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
