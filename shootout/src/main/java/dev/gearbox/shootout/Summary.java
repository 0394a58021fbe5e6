package dev.gearbox.shootout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One line per contestant across every workload: the geometric mean of its ratio to the fastest
 * (1.00 only for a contestant fastest everywhere), and of its ratio to each JDK baseline, over the
 * workloads where both were measured. The geometric mean, because the ratios multiply: being twice
 * as slow on one workload and twice as fast on another averages to 1.
 *
 * @param contestant the contestant's name
 * @param workloads the workloads it was measured on
 * @param toFastest the geometric mean of its ratio to the fastest
 * @param toBaselines the geometric mean of its ratio to each of {@link Results#BASELINES}, in that
 *     order, empty where no workload has both
 */
record Summary(
    String contestant, int workloads, double toFastest, List<OptionalDouble> toBaselines) {

  /**
   * The summary of {@code results}, fastest overall first; contestants never measured are left out.
   */
  static List<Summary> of(Results results) {
    List<Summary> lines = new ArrayList<>();
    for (String contestant : results.contestants()) {
      List<Measurement> measured =
          results.measurements().stream()
              .filter(m -> m.contestant().equals(contestant) && m.measured())
              .toList();
      if (measured.isEmpty()) {
        continue;
      }
      double toFastest =
          geometricMean(measured, m -> OptionalDouble.of(results.ratioToFastest(m))).orElseThrow();
      List<OptionalDouble> toBaselines =
          Results.BASELINES.stream()
              .map(baseline -> geometricMean(measured, m -> results.ratioTo(m, baseline)))
              .toList();
      lines.add(new Summary(contestant, measured.size(), toFastest, toBaselines));
    }
    lines.sort(Comparator.comparingDouble(Summary::toFastest));
    return lines;
  }

  /** The geometric mean of the ratios that are present; empty if none is. */
  static OptionalDouble geometricMean(
      List<Measurement> rows, Function<Measurement, OptionalDouble> ratio) {
    double logSum = 0;
    int count = 0;
    for (Measurement m : rows) {
      OptionalDouble value = ratio.apply(m);
      if (value.isPresent()) {
        logSum += Math.log(value.getAsDouble());
        count++;
      }
    }
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.exp(logSum / count));
  }
}
