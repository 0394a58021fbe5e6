package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PausedClockTest {

  @Test
  void startsPausedAtZeroAndMovesOnlyWhenAdvanced() {
    PausedClock clock = new PausedClock();
    assertThat(clock.isPaused()).isTrue();
    assertThat(clock.nanoTime()).isZero();
    assertThat(clock.nanoTime()).isZero();

    clock.advance(Duration.ofMillis(1_500));
    clock.advance(Duration.ZERO);
    assertThat(clock.nanoTime()).isEqualTo(1_500_000_000L);
    assertThat(clock.now()).isEqualTo(Duration.ofMillis(1_500));
  }

  @Test
  void negativeAdvanceIsAnErrorNamingTheValue() {
    PausedClock clock = new PausedClock();
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT-1S")
        .hasMessageContaining("zero or positive");
    assertThatThrownBy(() -> clock.advance(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("by");
    assertThat(clock.nanoTime()).isZero();
  }

  @Test
  void advanceThatWouldOverflowIsAnError() {
    PausedClock clock = new PausedClock();
    clock.advance(Duration.ofNanos(Long.MAX_VALUE - 10));
    assertThatThrownBy(() -> clock.advance(Duration.ofNanos(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PT0.000000011S")
        .hasMessageContaining("overflow");
    assertThat(clock.nanoTime()).isEqualTo(Long.MAX_VALUE - 10);
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void resumeFollowsRealTimeAndPauseFreezes() {
    PausedClock clock = new PausedClock();
    clock.advance(Duration.ofSeconds(5));
    clock.resume();
    clock.resume();
    assertThat(clock.isPaused()).isFalse();
    long start = clock.nanoTime();
    assertThat(start).isGreaterThanOrEqualTo(5_000_000_000L);
    long realDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (clock.nanoTime() == start && System.nanoTime() < realDeadline) {
      Thread.onSpinWait();
    }
    assertThat(clock.nanoTime()).as("a running clock moves").isGreaterThan(start);

    clock.advance(Duration.ofSeconds(1));
    assertThat(clock.nanoTime()).isGreaterThanOrEqualTo(start + 1_000_000_000L);

    clock.pause();
    clock.pause();
    long frozen = clock.nanoTime();
    assertThat(clock.nanoTime()).isEqualTo(frozen);
    assertThat(clock.toString()).contains("paused");
  }

  @Test
  void autoAdvanceJumpsAPausedClockToALaterDeadline() {
    PausedClock clock = new PausedClock();
    assertThat(clock.autoAdvanceTo(250_000_000L)).isTrue();
    assertThat(clock.now()).isEqualTo(Duration.ofMillis(250));

    assertThat(clock.autoAdvanceTo(100_000_000L)).as("earlier deadline").isFalse();
    assertThat(clock.autoAdvanceTo(250_000_000L)).as("the same deadline").isFalse();
    assertThat(clock.autoAdvanceTo(TimerDriver.NO_DEADLINE)).as("no timer").isFalse();
    assertThat(clock.now()).isEqualTo(Duration.ofMillis(250));

    clock.resume();
    assertThat(clock.autoAdvanceTo(Long.MAX_VALUE - 1)).as("running clock").isFalse();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void readingsStayMonotonicWhileAnotherThreadPausesResumesAndAdvances() throws Exception {
    PausedClock clock = new PausedClock();
    AtomicBoolean done = new AtomicBoolean();
    Thread toggler =
        new Thread(
            () -> {
              for (int i = 0; i < 20_000; i++) {
                clock.resume();
                clock.advance(Duration.ofNanos(i % 7));
                clock.pause();
              }
              done.set(true);
            });
    toggler.start();
    long last = clock.nanoTime();
    while (!done.get()) {
      long reading = clock.nanoTime();
      assertThat(reading).isGreaterThanOrEqualTo(last);
      last = reading;
    }
    toggler.join();
    assertThat(clock.isPaused()).isTrue();
  }
}
