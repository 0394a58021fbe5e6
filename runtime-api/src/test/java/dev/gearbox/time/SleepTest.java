package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Context;
import dev.gearbox.future.Poll;
import dev.gearbox.future.Waker;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Time#sleep} and {@link Time#sleepUntil}, polled by hand against a paused wheel. */
class SleepTest {
  private static final long MS = 1_000_000L;

  private final PausedClock clock = new PausedClock();
  private final TimerDriver wheel = TimerDriver.wheel(clock);
  private final CountingWaker waker = new CountingWaker();

  @Test
  void completesAtItsDeadlineAndNotBefore() {
    Sleep sleep = Time.sleep(Duration.ofMillis(20));
    assertThat(poll(sleep, waker).isPending()).isTrue();
    assertThat(wheel.size()).isEqualTo(1);
    assertThat(sleep.deadlineNanos()).isEqualTo(20 * MS);
    assertThat(poll(sleep, waker).isPending()).isTrue();
    assertThat(wheel.size()).as("a second poll does not register again").isEqualTo(1);

    advance(Duration.ofMillis(20).minusNanos(1));
    assertThat(waker.wakes()).isZero();
    assertThat(poll(sleep, waker).isPending()).isTrue();
    advance(Duration.ofNanos(1));
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(poll(sleep, waker).isReady()).isTrue();
    assertThat(wheel.size()).isZero();
  }

  @Test
  void isMeasuredFromItsFirstPollNotFromItsCreation() {
    Sleep sleep = Time.sleep(Duration.ofMillis(20));
    assertThatThrownBy(sleep::deadlineNanos)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fixed at its first poll");
    advance(Duration.ofSeconds(1));

    assertThat(poll(sleep, waker).isPending()).isTrue();
    assertThat(sleep.deadlineNanos()).isEqualTo(1_020 * MS);
    advance(Duration.ofMillis(19));
    assertThat(poll(sleep, waker).isPending()).isTrue();
    advance(Duration.ofMillis(1));
    assertThat(poll(sleep, waker).isReady()).isTrue();
  }

  @Test
  void zeroAndNegativeSleepsCompleteOnTheFirstPollWithoutATimer() {
    advance(Duration.ofSeconds(1));
    for (Duration duration :
        List.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofDays(-9_000), maxDuration(-1))) {
      assertThat(poll(Time.sleep(duration), waker).isReady()).as("%s", duration).isTrue();
    }
    assertThat(wheel.size()).isZero();
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void sleepUntilADeadlineAlreadyDueCompletesAtOnce() {
    advance(Duration.ofSeconds(1));
    assertThat(poll(Time.sleepUntil(500 * MS), waker).isReady()).isTrue();
    assertThat(poll(Time.sleepUntil(1_000 * MS), waker).isReady()).as("now").isTrue();
    assertThat(wheel.size()).isZero();

    Sleep later = Time.sleepUntil(1_000 * MS + 1);
    assertThat(poll(later, waker).isPending()).isTrue();
    advance(Duration.ofNanos(1));
    assertThat(poll(later, waker).isPending())
        .as("passed, but the wheel fires it at its next millisecond")
        .isTrue();
    advance(Duration.ofMillis(1).minusNanos(1));
    assertThat(poll(later, waker).isReady()).isTrue();
  }

  @Test
  void aSleepTooLongToRepresentWaitsForever() {
    Sleep sleep = Time.sleep(maxDuration(1));
    assertThat(poll(sleep, waker).isPending()).isTrue();
    assertThat(sleep.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
    advance(Duration.ofDays(100 * 365));
    assertThat(poll(sleep, waker).isPending()).isTrue();
    sleep.drop();
    assertThat(wheel.size()).isZero();
  }

  @Test
  void aNewWakerReplacesTheOldOne() {
    CountingWaker first = new CountingWaker();
    CountingWaker second = new CountingWaker();
    Sleep sleep = Time.sleep(Duration.ofSeconds(2));
    assertThat(poll(sleep, first).isPending()).isTrue();
    assertThat(poll(sleep, second).isPending()).isTrue();
    assertThat(wheel.size()).isEqualTo(1);

    advance(Duration.ofSeconds(2));
    assertThat(first.wakes()).isZero();
    assertThat(second.wakes()).isEqualTo(1);
    assertThat(poll(sleep, second).isReady()).isTrue();
  }

  @Test
  void aWakerThatWillWakeTheStoredOneDoesNotReplaceIt() {
    CountingWaker stored = new CountingWaker();
    AtomicInteger sameTaskWakes = new AtomicInteger();
    Waker sameTask =
        new Waker() {
          @Override
          public void wake() {
            sameTaskWakes.incrementAndGet();
          }

          @Override
          public boolean willWake(Waker other) {
            return other == stored;
          }
        };
    Sleep sleep = Time.sleep(Duration.ofSeconds(2));
    poll(sleep, stored);
    poll(sleep, sameTask);

    advance(Duration.ofSeconds(2));
    assertThat(stored.wakes()).isEqualTo(1);
    assertThat(sameTaskWakes).hasValue(0);
  }

  @Test
  void droppingCancelsTheTimer() {
    Sleep sleep = Time.sleep(Duration.ofMinutes(5));
    poll(sleep, waker);
    assertThat(wheel.size()).isEqualTo(1);
    sleep.drop();
    assertThat(wheel.size()).isZero();
    advance(Duration.ofHours(1));
    assertThat(waker.wakes()).isZero();

    Time.sleep(Duration.ofMinutes(5)).drop();
    assertThat(wheel.size()).as("dropped before its first poll").isZero();
  }

  @Test
  void withoutATimerTheFirstPollFailsSayingWhy() {
    Sleep sleep = Time.sleep(Duration.ofSeconds(1));
    assertThatThrownBy(() -> sleep.poll(Context.of(waker)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no timer in this context");
    assertThatThrownBy(() -> Time.sleep(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("duration");
  }

  private Poll<Void> poll(Sleep sleep, Waker by) {
    return sleep.poll(new TimerContext(by, wheel));
  }

  private void advance(Duration by) {
    clock.advance(by);
    wheel.advance();
  }

  /** A duration beyond what a {@code long} of nanoseconds holds, of the given sign. */
  private static Duration maxDuration(int sign) {
    return Duration.ofSeconds(sign * (Long.MAX_VALUE / 1_000_000_000L + 1));
  }
}
