package dev.gearbox.shootout;

import static dev.gearbox.shootout.MeasurementTest.MACHINE;
import static dev.gearbox.shootout.MeasurementTest.measured;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SummaryTest {
  /*
   * Two workloads (1,000 units per run). a: fast 100, forkjoin 200, virtual 400.
   * b: fast 400, forkjoin 100, virtual n/a (not measured). slow only on a: 800.
   */
  private final Results results =
      new Results(
          List.of(
              measured("a", "fast", 100),
              measured("a", "forkjoin", 200),
              measured("a", "virtual", 400),
              measured("a", "slow", 800),
              measured("b", "fast", 400),
              measured("b", "forkjoin", 100),
              new Measurement(
                  "b",
                  "task",
                  1_000,
                  "virtual",
                  "parallelism 2",
                  Measurement.Outcome.NOT_AVAILABLE,
                  new long[0],
                  "")),
          MACHINE,
          "test");

  @Test
  void eachRowIsComparedWithBothBaselinesWhereTheyRan() {
    Measurement fastOnA = results.of("a").get(0);
    assertThat(results.ratioTo(fastOnA, "forkjoin")).hasValue(0.5);
    assertThat(results.ratioTo(fastOnA, "virtual")).hasValue(0.25);
    Measurement fastOnB = results.of("b").get(0);
    assertThat(results.ratioTo(fastOnB, "forkjoin")).hasValue(4.0);
    assertThat(results.ratioTo(fastOnB, "virtual")).isEmpty();
  }

  @Test
  void theSummaryIsTheGeometricMeanOfTheRatiosFastestFirst() {
    List<Summary> summary = Summary.of(results);
    assertThat(summary)
        .extracting(Summary::contestant)
        .containsExactly("forkjoin", "fast", "virtual", "slow");
    Summary fast = line(summary, "fast");
    // to the fastest: a 1.0 (fastest), b 4.0 (forkjoin is fastest there): sqrt(4) = 2
    assertThat(fast.workloads()).isEqualTo(2);
    assertThat(fast.toFastest()).isCloseTo(2.0, within(1e-9));
    // to forkjoin: 0.5 and 4.0: sqrt(2); to virtual: only a, 0.25
    assertThat(fast.toBaselines().get(0).getAsDouble()).isCloseTo(Math.sqrt(2), within(1e-9));
    assertThat(fast.toBaselines().get(1).getAsDouble()).isCloseTo(0.25, within(1e-9));
    Summary forkJoin = line(summary, "forkjoin");
    assertThat(forkJoin.toFastest()).isCloseTo(Math.sqrt(2), within(1e-9)); // 2.0 and 1.0
    assertThat(forkJoin.toBaselines().get(0).getAsDouble()).isCloseTo(1.0, within(1e-9));
    Summary virtual = line(summary, "virtual");
    assertThat(virtual.workloads()).as("n/a is not counted").isEqualTo(1);
    assertThat(virtual.toFastest()).isCloseTo(4.0, within(1e-9));
    assertThat(line(summary, "slow").toFastest()).isCloseTo(8.0, within(1e-9));
  }

  @Test
  void aGeometricMeanOfNothingIsEmpty() {
    assertThat(Summary.geometricMean(List.of(), m -> OptionalDouble.of(1))).isEmpty();
    assertThat(
            Summary.geometricMean(
                    List.of(measured("a", "x", 1), measured("b", "x", 1)),
                    m -> OptionalDouble.of(m.workload().equals("a") ? 9 : 1))
                .getAsDouble())
        .isCloseTo(3.0, within(1e-9));
  }

  @Test
  void theAxisEndsAtTheFirstNiceNumberAboveTheLargestValue() {
    Axis axis = Axis.upTo(87.3);
    assertThat(axis.step()).isEqualTo(20);
    assertThat(axis.ticks()).isEqualTo(5);
    assertThat(axis.end()).isEqualTo(100);
    assertThat(axis.label(5)).isEqualTo("100");
    assertThat(Axis.upTo(100).end()).isEqualTo(100);
    assertThat(Axis.upTo(1_234).step()).isEqualTo(500);
    assertThat(Axis.upTo(1_234).label(3)).isEqualTo("1,500");
    Axis small = Axis.upTo(0.37);
    assertThat(small.step()).isCloseTo(0.1, within(1e-12));
    assertThat(small.ticks()).isEqualTo(4);
    assertThat(small.label(1)).isEqualTo("0.1");
    assertThatThrownBy(() -> Axis.upTo(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive finite maximum, got 0.0");
  }

  @Test
  void cellsOfSeveralJvmsArePooledAndAFailureWins() {
    Measurement first = measured("a", "x", 10, 30);
    Measurement second = measured("a", "x", 20);
    assertThat(first.pooledWith(second).samples()).containsExactly(10, 20, 30);
    Measurement failed =
        new Measurement(
            "a", "task", 1_000, "x", "2 workers", Measurement.Outcome.FAILED, new long[0], "boom");
    assertThat(first.pooledWith(failed)).isEqualTo(failed);
    assertThat(failed.pooledWith(first)).isEqualTo(failed);
    assertThat(
            Isolation.pool(
                List.of(
                    List.of(measured("a", "x", 1), measured("b", "x", 5)),
                    List.of(measured("a", "x", 3), measured("b", "x", 7)))))
        .containsExactly(measured("a", "x", 1, 3), measured("b", "x", 5, 7));
    assertThatThrownBy(() -> first.pooledWith(measured("b", "x", 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Summary line(List<Summary> summary, String contestant) {
    return summary.stream()
        .filter(s -> s.contestant().equals(contestant))
        .findFirst()
        .orElseThrow();
  }
}
