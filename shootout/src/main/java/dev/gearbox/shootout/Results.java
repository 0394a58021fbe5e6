package dev.gearbox.shootout;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Every measurement of one shoot-out, in the order they were taken (workload by workload), with the
 * ratio of each to the fastest contestant on its workload and to the JDK baselines.
 */
record Results(List<Measurement> measurements, Machine machine, String mode) {
  /** The baselines every row is also compared with: the JDK's ForkJoinPool and virtual threads. */
  static final List<String> BASELINES = List.of("forkjoin", "virtual");

  Results {
    measurements = List.copyOf(measurements);
  }

  /** The workloads' names, in order of first appearance. */
  List<String> workloads() {
    List<String> names = new ArrayList<>();
    for (Measurement m : measurements) {
      if (!names.contains(m.workload())) {
        names.add(m.workload());
      }
    }
    return names;
  }

  /** The measurements of one workload, in order. */
  List<Measurement> of(String workload) {
    return measurements.stream().filter(m -> m.workload().equals(workload)).toList();
  }

  /** The lowest median time on {@code workload}, if anything was measured there. */
  OptionalDouble fastestMedian(String workload) {
    return of(workload).stream()
        .filter(Measurement::measured)
        .mapToDouble(Measurement::medianNanos)
        .min();
  }

  /** The median time of {@code m} over the fastest on its workload: 1.0 for the fastest. */
  double ratioToFastest(Measurement m) {
    if (!m.measured()) {
      throw new IllegalArgumentException(m + " has no time to compare");
    }
    return m.medianNanos() / fastestMedian(m.workload()).orElseThrow();
  }

  /** The contestants' names, in order of first appearance. */
  List<String> contestants() {
    List<String> names = new ArrayList<>();
    for (Measurement m : measurements) {
      if (!names.contains(m.contestant())) {
        names.add(m.contestant());
      }
    }
    return names;
  }

  /**
   * The median time of {@code m} over that of {@code baseline} on the same workload, if both were
   * measured: below 1.0 means faster than the baseline.
   */
  OptionalDouble ratioTo(Measurement m, String baseline) {
    if (!m.measured()) {
      return OptionalDouble.empty();
    }
    return of(m.workload()).stream()
        .filter(other -> other.contestant().equals(baseline) && other.measured())
        .mapToDouble(other -> m.medianNanos() / other.medianNanos())
        .findFirst();
  }
}
