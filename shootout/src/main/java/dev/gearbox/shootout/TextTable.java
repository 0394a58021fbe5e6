package dev.gearbox.shootout;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The table the shoot-out prints at the end: one block of rows per workload, each row also as a
 * ratio to the JDK baselines, then the summary across workloads.
 */
final class TextTable {
  private static final String ROW = "%-16s %-13s %-24s %10s %10s %10s %12s %14s %9s %10s %9s%n";
  private static final String SUMMARY_ROW = "%-13s %9s %9s %10s %9s%n";

  private TextTable() {}

  static void print(Results results, PrintStream out) {
    out.printf(
        Locale.ROOT,
        ROW,
        "workload",
        "runtime",
        "threads",
        "median ms",
        "min ms",
        "max ms",
        "ns per unit",
        "units per s",
        "× fastest",
        "× forkjoin",
        "× virtual");
    for (String workload : results.workloads()) {
      for (Measurement m : results.of(workload)) {
        if (m.measured()) {
          out.printf(
              Locale.ROOT,
              ROW,
              m.workload(),
              m.contestant(),
              m.threads(),
              millis(m.medianNanos()),
              millis(m.minNanos()),
              millis(m.maxNanos()),
              String.format(Locale.ROOT, "%.1f", m.nanosPerUnit()),
              String.format(Locale.ROOT, "%,.0f", m.unitsPerSecond()),
              String.format(Locale.ROOT, "%.2f×", results.ratioToFastest(m)),
              HtmlReport.ratio(results.ratioTo(m, "forkjoin")),
              HtmlReport.ratio(results.ratioTo(m, "virtual")));
        } else {
          out.printf(
              Locale.ROOT,
              "%-16s %-13s %-24s %s%n",
              m.workload(),
              m.contestant(),
              m.threads(),
              m.outcome() == Measurement.Outcome.FAILED ? "FAILED: " + m.failure() : "n/a");
        }
      }
    }
    out.println("units: " + units(results));
    out.println();
    out.println("summary: geometric mean of the ratios over the workloads each runtime ran");
    out.printf(
        Locale.ROOT, SUMMARY_ROW, "runtime", "workloads", "× fastest", "× forkjoin", "× virtual");
    for (Summary line : Summary.of(results)) {
      out.printf(
          Locale.ROOT,
          SUMMARY_ROW,
          line.contestant(),
          line.workloads(),
          String.format(Locale.ROOT, "%.2f×", line.toFastest()),
          HtmlReport.ratio(line.toBaselines().get(0)),
          HtmlReport.ratio(line.toBaselines().get(1)));
    }
  }

  private static String millis(double nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String units(Results results) {
    StringBuilder text = new StringBuilder();
    for (String workload : results.workloads()) {
      Measurement first = results.of(workload).get(0);
      if (!text.isEmpty()) {
        text.append(", ");
      }
      text.append(workload)
          .append(String.format(Locale.ROOT, " %,d ", first.unitsPerRun()))
          .append(first.unit())
          .append("s per run");
    }
    return text.toString();
  }
}
