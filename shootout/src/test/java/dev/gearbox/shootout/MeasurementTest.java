package dev.gearbox.shootout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeasurementTest {
  static final Machine MACHINE = new Machine(2, "some JDK", "some OS", "some CPU");

  static Measurement measured(String workload, String contestant, long... samples) {
    return new Measurement(
        workload,
        "task",
        1_000,
        contestant,
        "2 workers",
        Measurement.Outcome.MEASURED,
        samples,
        "");
  }

  @Test
  void theMedianOfAnOddCountIsTheMiddleSample() {
    Measurement m = measured("w", "a", 30, 10, 50, 20, 40);
    assertThat(m.medianNanos()).isEqualTo(30);
    assertThat(m.minNanos()).isEqualTo(10);
    assertThat(m.maxNanos()).isEqualTo(50);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleOnes() {
    assertThat(measured("w", "a", 4_000, 1_000, 3_000, 2_000).medianNanos()).isEqualTo(2_500);
    assertThat(Measurement.median(new long[] {7})).isEqualTo(7);
    assertThatThrownBy(() -> Measurement.median(new long[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void costPerUnitAndThroughputComeFromTheMedian() {
    Measurement m = measured("w", "a", 2_000_000, 1_000_000, 3_000_000);
    assertThat(m.nanosPerUnit()).isEqualTo(2_000);
    assertThat(m.unitsPerSecond()).isCloseTo(500_000, within(1e-6));
  }

  @Test
  void theRatioIsToTheFastestMedianOfTheSameWorkload() {
    Measurement fast = measured("w", "fast", 100, 200, 300);
    Measurement slow = measured("w", "slow", 500, 500, 500);
    Measurement other = measured("v", "slow", 1, 1, 1);
    Measurement none =
        Measurement.without(
            new dev.gearbox.shootout.workloads.SpawnMany(1000),
            new Contestant.ForkJoin(2),
            Measurement.Outcome.NOT_AVAILABLE,
            "");
    Results results = new Results(List.of(fast, slow, other, none), MACHINE, "test");
    assertThat(results.ratioToFastest(fast)).isEqualTo(1.0);
    assertThat(results.ratioToFastest(slow)).isEqualTo(2.5);
    assertThat(results.ratioToFastest(other)).isEqualTo(1.0);
    assertThat(results.workloads()).containsExactly("w", "v", "spawn_many");
    assertThat(results.fastestMedian("spawn_many")).isEmpty();
    assertThatThrownBy(() -> results.ratioToFastest(none))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyAMeasurementHasSamples() {
    assertThatThrownBy(
            () ->
                new Measurement(
                    "w", "u", 1, "c", "t", Measurement.Outcome.FAILED, new long[] {1}, "boom"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> measured("w", "a")).isInstanceOf(IllegalArgumentException.class);
  }
}
