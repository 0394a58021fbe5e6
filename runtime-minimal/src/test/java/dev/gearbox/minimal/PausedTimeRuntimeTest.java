package dev.gearbox.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.runtime.Runtime;
import dev.gearbox.testkit.RuntimeTest;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Time;
import java.time.Duration;

/** {@code @RuntimeTest(pausedTime = true)} on a real runtime: its clock starts paused. */
class PausedTimeRuntimeTest {

  @RuntimeTest(kinds = "minimal", pausedTime = true)
  void startsTheClockPaused(Runtime runtime) {
    assertThat(runtime.clock()).isInstanceOf(PausedClock.class);
    PausedClock clock = (PausedClock) runtime.clock();
    assertThat(clock.isPaused()).isTrue();
    long start = System.nanoTime();
    runtime.blockOn(Time.sleep(Duration.ofHours(1))); // jumps: every task waits
    assertThat(clock.now()).isGreaterThanOrEqualTo(Duration.ofHours(1));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1));
  }
}
