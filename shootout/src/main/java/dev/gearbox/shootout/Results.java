package dev.gearbox.shootout;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Every measurement of one shoot-out, in the order they were taken (workload by workload), with the
 * ratio of each to the fastest contestant on its workload.
 */
record Results(List<Measurement> measurements, Machine machine, String mode) {
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
}
