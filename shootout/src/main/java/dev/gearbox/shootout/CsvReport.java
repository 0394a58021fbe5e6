package dev.gearbox.shootout;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The CSV report: a header row, then one row per contestant and workload (RFC 4180 quoting; times
 * in nanoseconds; empty cells where nothing was measured).
 */
final class CsvReport {
  static final List<String> HEADER =
      List.of(
          "workload",
          "unit",
          "units_per_run",
          "runtime",
          "threads",
          "outcome",
          "runs",
          "median_ns",
          "min_ns",
          "max_ns",
          "ns_per_unit",
          "units_per_second",
          "ratio_to_fastest",
          "ratio_to_forkjoin",
          "ratio_to_virtual",
          "failure");

  private CsvReport() {}

  static String render(Results results) {
    StringBuilder csv = new StringBuilder(String.join(",", HEADER)).append("\r\n");
    for (Measurement m : results.measurements()) {
      boolean measured = m.measured();
      List<String> cells =
          List.of(
              m.workload(),
              m.unit(),
              Long.toString(m.unitsPerRun()),
              m.contestant(),
              m.threads(),
              m.outcome().name().toLowerCase(Locale.ROOT),
              Integer.toString(m.samples().length),
              measured ? format(m.medianNanos()) : "",
              measured ? Long.toString(m.minNanos()) : "",
              measured ? Long.toString(m.maxNanos()) : "",
              measured ? format(m.nanosPerUnit()) : "",
              measured ? format(m.unitsPerSecond()) : "",
              measured ? String.format(Locale.ROOT, "%.4f", results.ratioToFastest(m)) : "",
              ratio(results.ratioTo(m, "forkjoin")),
              ratio(results.ratioTo(m, "virtual")),
              m.failure());
      csv.append(String.join(",", cells.stream().map(CsvReport::quote).toList())).append("\r\n");
    }
    return csv.toString();
  }

  private static String ratio(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.4f", value.getAsDouble()) : "";
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** Quotes a cell that holds a comma, a quote or a line break, doubling its quotes. */
  static String quote(String cell) {
    if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
