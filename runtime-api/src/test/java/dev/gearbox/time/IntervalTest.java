package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link Time#interval}: the immediate first tick, the schedule, and the three missed-tick
 * behaviours for a task 3.5 periods late, as in Tokio's {@code MissedTickBehavior} docs.
 */
class IntervalTest {
  private static final long MS = 1_000_000L;
  private static final Duration PERIOD = Duration.ofMillis(10);

  private final PausedClock clock = new PausedClock();
  private final TimerDriver wheel = TimerDriver.wheel(clock);
  private final CountingWaker waker = new CountingWaker();
  private final TimerContext cx = new TimerContext(waker, wheel);

  /** A tick: its deadline and the clock when it was taken, in milliseconds. */
  private record Tick(long deadlineMs, long takenAtMs) {}

  @ParameterizedTest
  @EnumSource(MissedTickBehavior.class)
  void theFirstTickIsImmediateAndTicksOnTimeKeepTheSchedule(MissedTickBehavior behavior) {
    advance(Duration.ofMillis(3));
    Interval interval = Time.interval(PERIOD, behavior);
    assertThat(ticks(interval, 4))
        .containsExactly(new Tick(3, 3), new Tick(13, 13), new Tick(23, 23), new Tick(33, 33));
  }

  @Test
  void burstTakesTheMissedTicksBackToBackThenKeepsTheSchedule() {
    Interval interval = lateBy3AndAHalfPeriods(MissedTickBehavior.BURST);
    assertThat(ticks(interval, 6))
        .containsExactly(
            new Tick(10, 45),
            new Tick(20, 45),
            new Tick(30, 45),
            new Tick(40, 45),
            new Tick(50, 50),
            new Tick(60, 60));
  }

  @Test
  void delayStartsANewScheduleFromTheLateTick() {
    Interval interval = lateBy3AndAHalfPeriods(MissedTickBehavior.DELAY);
    assertThat(ticks(interval, 4))
        .containsExactly(new Tick(10, 45), new Tick(55, 55), new Tick(65, 65), new Tick(75, 75));
  }

  @Test
  void skipDropsTheMissedTicksAndKeepsTheOriginalSchedule() {
    Interval interval = lateBy3AndAHalfPeriods(MissedTickBehavior.SKIP);
    assertThat(ticks(interval, 4))
        .containsExactly(new Tick(10, 45), new Tick(50, 50), new Tick(60, 60), new Tick(70, 70));
  }

  @Test
  void aTickLateByLessThanTheToleranceDoesNotMoveTheSchedule() {
    Interval interval = Time.interval(PERIOD, MissedTickBehavior.DELAY);
    assertThat(interval.pollTick(cx).value()).isZero();
    assertThat(interval.pollTick(cx).isPending()).isTrue();
    advance(Duration.ofMillis(10).plus(Interval.LATE_AFTER));
    assertThat(ticks(interval, 2)).containsExactly(new Tick(10, 15), new Tick(20, 20));
  }

  @Test
  void droppingAPendingTickCancelsTheTimerButLosesNoTick() throws Exception {
    Interval interval = Time.interval(PERIOD);
    assertThat(interval.tick().poll(cx).value()).isZero();
    Future<Long> tick = interval.tick();
    assertThat(tick.poll(cx).isPending()).isTrue();
    assertThat(wheel.size()).isEqualTo(1);
    tick.drop();
    assertThat(wheel.size()).isZero();

    advance(PERIOD);
    assertThat(waker.wakes()).isZero();
    assertThat(interval.tick().poll(cx).value()).isEqualTo(10 * MS);
  }

  @Test
  void theLatestWakerIsTheOneWoken() {
    CountingWaker first = new CountingWaker();
    CountingWaker second = new CountingWaker();
    Interval interval = Time.interval(PERIOD);
    interval.pollTick(new TimerContext(first, wheel));
    assertThat(interval.pollTick(new TimerContext(first, wheel)).isPending()).isTrue();
    assertThat(interval.pollTick(new TimerContext(second, wheel)).isPending()).isTrue();
    advance(PERIOD);
    assertThat(first.wakes()).isZero();
    assertThat(second.wakes()).isEqualTo(1);
  }

  @Test
  void badArgumentsFailNamingTheValueAndWhatIsAllowed() {
    for (Duration period : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
      assertThatThrownBy(() -> Time.interval(period))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("interval period " + period + " is not allowed: the period must be positive");
    }
    assertThatThrownBy(() -> Time.interval(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("period");
    assertThatThrownBy(() -> Time.interval(PERIOD, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("behavior");
    assertThatThrownBy(() -> Time.interval(PERIOD).pollTick(Context.of(waker)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no timer in this context");
  }

  /** An interval from time 0 whose tick due at 10 ms is first polled at 45 ms. */
  private Interval lateBy3AndAHalfPeriods(MissedTickBehavior behavior) {
    Interval interval = Time.interval(PERIOD, behavior);
    assertThat(interval.pollTick(cx).value()).isZero();
    assertThat(interval.pollTick(cx).isPending()).isTrue();
    advance(Duration.ofMillis(45));
    assertThat(waker.wakes()).isEqualTo(1);
    return interval;
  }

  /**
   * Takes {@code count} ticks as a task would: polls, and while pending moves the clock 1 ms at a
   * time and drives the wheel until the interval wakes the task.
   */
  private List<Tick> ticks(Interval interval, int count) {
    List<Tick> ticks = new ArrayList<>();
    while (ticks.size() < count) {
      Poll<Long> poll = interval.pollTick(cx);
      if (poll instanceof Poll.Ready<Long>(Long deadline)) {
        ticks.add(new Tick(deadline / MS, clock.nanoTime() / MS));
        continue;
      }
      int wakes = waker.wakes();
      for (int step = 0; waker.wakes() == wakes; step++) {
        assertThat(step).as("no wake within 10 periods").isLessThan(100);
        advance(Duration.ofMillis(1));
      }
    }
    return ticks;
  }

  private void advance(Duration by) {
    clock.advance(by);
    wheel.advance();
  }
}
