package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClockTest {

  @Test
  void systemClockIsMonotonicAndShared() {
    Clock clock = Clock.system();
    long first = clock.nanoTime();
    long second = clock.nanoTime();
    assertThat(second - first).isGreaterThanOrEqualTo(0);
    assertThat(Clock.system()).isSameAs(clock);
  }

  @Test
  void deadlineAfterAddsTheDelay() {
    assertThat(Clock.deadlineAfter(1_000, Duration.ofNanos(234))).isEqualTo(1_234);
    assertThat(Clock.deadlineAfter(1_000, Duration.ofNanos(-2_000))).isEqualTo(-1_000);
    assertThat(Clock.deadlineAfter(-5, 10)).isEqualTo(5);
  }

  @Test
  void deadlineAfterSaturatesInsteadOfOverflowing() {
    assertThat(Clock.deadlineAfter(Long.MAX_VALUE - 5, Duration.ofSeconds(1)))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Clock.deadlineAfter(Long.MIN_VALUE + 5, Duration.ofSeconds(-1)))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(Clock.deadlineAfter(0, Duration.ofDays(365L * 1_000)))
        .as("a Duration too long for toNanos")
        .isEqualTo(Long.MAX_VALUE);
    assertThat(Clock.deadlineAfter(0, Duration.ofDays(-365L * 1_000))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void instanceDeadlineAfterStartsFromTheReading() {
    Clock fixed = () -> 7_000;
    assertThat(fixed.deadlineAfter(Duration.ofNanos(3))).isEqualTo(7_003);
  }

  @Test
  void nanosBetweenAndUntilSaturate() {
    assertThat(Clock.nanosBetween(10, 4)).isEqualTo(-6);
    assertThat(Clock.nanosBetween(Long.MIN_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(Clock.nanosBetween(Long.MAX_VALUE, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(Clock.nanosUntil(10, 4)).isZero();
    assertThat(Clock.nanosUntil(4, 10)).isEqualTo(6);
    assertThat(Clock.nanosUntil(-10, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void nullDelayIsRejectedByName() {
    assertThatThrownBy(() -> Clock.deadlineAfter(0, (Duration) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay");
    assertThatThrownBy(() -> Clock.system().deadlineAfter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delay");
  }
}
