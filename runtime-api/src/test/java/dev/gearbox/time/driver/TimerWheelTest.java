package dev.gearbox.time.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gearbox.future.Waker;
import dev.gearbox.time.Clock;
import dev.gearbox.time.CountingWaker;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.TimerEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The thread-safe wheel in clock readings: rounding, registration, cancellation, wakes. */
class TimerWheelTest {
  private static final long MS = 1_000_000L;

  private final PausedClock clock = new PausedClock();
  private final TimerWheel wheel = new TimerWheel(clock);

  @Test
  void firesOnceTheDeadlineRoundedUpToTheMillisecondHasPassed() {
    CountingWaker waker = new CountingWaker();
    WheelEntry entry = entry(waker);
    assertThat(wheel.register(entry, 3 * MS / 2)).isTrue();
    assertThat(entry.isRegistered()).isTrue();
    assertThat(wheel.nextDeadline()).isEqualTo(2 * MS);

    assertThat(wheel.advanceTo(2 * MS - 1)).isZero();
    assertThat(waker.wakes()).isZero();
    assertThat(wheel.advanceTo(2 * MS)).isEqualTo(1);
    assertThat(waker.wakes()).isEqualTo(1);
    assertThat(entry.isElapsed()).isTrue();
    assertThat(entry.isRegistered()).isFalse();
    assertThat(wheel.size()).isZero();
    assertThat(wheel.nextDeadline()).isEqualTo(TimerWheel.NO_DEADLINE);
  }

  @Test
  void dueAtRoundsUpToTheTickThatNextDeadlineWouldName() {
    assertThat(wheel.dueAt(3 * MS / 2)).isEqualTo(2 * MS);
    assertThat(wheel.dueAt(2 * MS)).isEqualTo(2 * MS);
    assertThat(wheel.dueAt(2 * MS + 1)).isEqualTo(3 * MS);
    assertThat(wheel.dueAt(-5 * MS)).as("before the wheel's start: due at once").isZero();
    assertThat(wheel.dueAt(TimerWheel.NO_DEADLINE)).isEqualTo(TimerWheel.NO_DEADLINE);
    WheelEntry entry = entry(new CountingWaker());
    wheel.register(entry, 3 * MS / 2 + 7);
    assertThat(wheel.nextDeadline()).isEqualTo(wheel.dueAt(3 * MS / 2 + 7));
  }

  @Test
  void zeroAndNegativeDelaysAreDueAtOnceWithoutAWake() {
    clock.advance(Duration.ofSeconds(1));
    wheel.advance();
    for (Duration delay : List.of(Duration.ZERO, Duration.ofMillis(-5), Duration.ofDays(-9_000))) {
      CountingWaker waker = new CountingWaker();
      WheelEntry entry = entry(waker);
      assertThat(wheel.register(entry, clock.deadlineAfter(delay))).as("%s", delay).isFalse();
      assertThat(entry.isElapsed()).isTrue();
      assertThat(waker.wakes()).isZero();
    }
    assertThat(wheel.size()).isZero();
  }

  @Test
  void cancelBeforeFiringMeansNeverFiring() {
    CountingWaker waker = new CountingWaker();
    WheelEntry entry = entry(waker);
    wheel.register(entry, 10 * MS);
    assertThat(wheel.cancel(entry)).isTrue();
    assertThat(wheel.cancel(entry)).as("second cancel").isFalse();
    assertThat(entry.isRegistered()).isFalse();
    assertThat(entry.isElapsed()).isFalse();
    assertThat(wheel.advanceTo(Long.MAX_VALUE - 1)).isZero();
    assertThat(waker.wakes()).isZero();
  }

  @Test
  void cancelAfterFiringReportsFalseAndWakesNothingMore() {
    CountingWaker waker = new CountingWaker();
    WheelEntry entry = entry(waker);
    wheel.register(entry, 10 * MS);
    wheel.advanceTo(10 * MS);
    assertThat(wheel.cancel(entry)).isFalse();
    assertThat(entry.isElapsed()).isTrue();
    assertThat(waker.wakes()).isEqualTo(1);
  }

  @Test
  void anElapsedEntryCanBeRegisteredAgain() {
    CountingWaker waker = new CountingWaker();
    WheelEntry entry = entry(waker);
    wheel.register(entry, 5 * MS);
    wheel.advanceTo(5 * MS);
    assertThat(wheel.register(entry, 70 * MS)).isTrue();
    assertThat(entry.isElapsed()).isFalse();
    assertThat(wheel.advanceTo(69 * MS)).isZero();
    assertThat(wheel.advanceTo(70 * MS)).isEqualTo(1);
    assertThat(waker.wakes()).isEqualTo(2);
  }

  @Test
  void registeringAPendingEntryMovesItsDeadline() {
    CountingWaker waker = new CountingWaker();
    WheelEntry entry = entry(waker);
    wheel.register(entry, 5_000 * MS);
    wheel.register(entry, 3 * MS);
    assertThat(wheel.size()).isEqualTo(1);
    assertThat(wheel.advanceTo(3 * MS)).isEqualTo(1);
    wheel.register(entry, 10 * MS);
    wheel.register(entry, 100 * MS);
    assertThat(wheel.advanceTo(99 * MS)).isZero();
    assertThat(wheel.advanceTo(100 * MS)).isEqualTo(1);
    assertThat(waker.wakes()).isEqualTo(2);
    wheel.verify();
  }

  @Test
  void anEntryPendingElsewhereIsRefusedByName() {
    WheelEntry entry = entry(new CountingWaker());
    TimerWheel other = new TimerWheel(clock);
    other.register(entry, 10 * MS);
    assertThatThrownBy(() -> wheel.register(entry, 20 * MS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another TimerWheel");
    assertThat(wheel.cancel(entry)).isFalse();
    assertThat(other.cancel(entry)).isTrue();
    assertThat(wheel.register(entry, 20 * MS)).isTrue();
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> new TimerWheel(null)).hasMessage("clock");
    assertThatThrownBy(() -> wheel.register(null, 0)).hasMessage("entry");
    assertThatThrownBy(() -> wheel.cancel(null)).hasMessage("entry");
    assertThatThrownBy(() -> new WheelEntry().setWaker(null)).hasMessage("waker");
  }

  @Test
  void nextDeadlineIsNeverLaterThanTheEarliestDueTimeAndTightens() {
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      TimerWheel fresh = new TimerWheel(clock);
      long now = clock.nanoTime();
      long deadline = now + 1 + random.nextLong(Duration.ofDays(790).toNanos());
      long dueAt = now + Math.ceilDiv(deadline - now, MS) * MS;
      fresh.register(entry(new CountingWaker()), deadline);
      int wakeUps = 0;
      long next = fresh.nextDeadline();
      while (next < dueAt) {
        assertThat(fresh.advanceTo(next)).isZero();
        long tighter = fresh.nextDeadline();
        assertThat(tighter).isGreaterThan(next);
        next = tighter;
        wakeUps++;
      }
      assertThat(next).isEqualTo(dueAt);
      assertThat(wakeUps)
          .as("within the span: one early wake-up per level at most")
          .isLessThanOrEqualTo(5);
      assertThat(fresh.advanceTo(next)).isEqualTo(1);
    }
  }

  @Test
  void aDeadlineBeyondTheWheelSpanWaitsAndFires() {
    long tenYears = Duration.ofDays(3_653).toNanos();
    CountingWaker waker = new CountingWaker();
    wheel.register(entry(waker), tenYears);
    assertThat(wheel.advanceTo(tenYears - MS)).isZero();
    assertThat(wheel.size()).isEqualTo(1);
    assertThat(wheel.advanceTo(tenYears)).isEqualTo(1);
    assertThat(waker.wakes()).isEqualTo(1);
  }

  @Test
  void saturatedDeadlinesFromANegativeOriginStayPending() {
    Clock negative = () -> -5_000_000_000L;
    TimerWheel far = new TimerWheel(negative);
    WheelEntry forever = entry(new CountingWaker());
    assertThat(far.register(forever, Long.MAX_VALUE)).isTrue();
    assertThat(far.register(entry(new CountingWaker()), Long.MIN_VALUE)).isFalse();
    assertThat(far.advanceTo(negative.nanoTime() + Duration.ofDays(3_000).toNanos())).isZero();
    assertThat(forever.isRegistered()).isTrue();
    assertThat(far.nextDeadline()).isGreaterThan(negative.nanoTime());
  }

  @Test
  void aDeadlineBeyondTheClocksRangeNeverFiresNorDrawsTheClock() {
    WheelEntry forever = entry(new CountingWaker());
    assertThat(wheel.register(forever, Long.MAX_VALUE)).as("pending").isTrue();
    WheelEntry almostForever = entry(new CountingWaker());
    assertThat(wheel.register(almostForever, Long.MAX_VALUE - 1)).isTrue();
    assertThat(forever.isRegistered()).isTrue();
    assertThat(wheel.nextDeadline()).isEqualTo(TimerWheel.NO_DEADLINE);
    assertThat(clock.autoAdvanceTo(wheel.nextDeadline())).isFalse();
    WheelEntry soon = entry(new CountingWaker());
    wheel.register(soon, 100 * MS);
    while (!soon.isElapsed()) {
      if (wheel.advance() == 0) {
        assertThat(clock.autoAdvanceTo(wheel.nextDeadline())).isTrue();
      }
    }
    assertThat(clock.nanoTime()).isEqualTo(100 * MS);
    assertThat(wheel.nextDeadline()).isEqualTo(TimerWheel.NO_DEADLINE);
    assertThat(wheel.cancel(forever)).isTrue();
    assertThat(forever.isRegistered()).isFalse();
    assertThat(wheel.cancel(forever)).isFalse();
    assertThat(wheel.register(almostForever, 200 * MS)).as("moved to a real deadline").isTrue();
    assertThat(wheel.advanceTo(200 * MS)).isEqualTo(1);
    assertThat(almostForever.isElapsed()).isTrue();
  }

  @Test
  void aThrowingWakerDoesNotStopTheOthersOfItsBatch() {
    List<CountingWaker> wakers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      CountingWaker waker = new CountingWaker();
      wakers.add(waker);
      wheel.register(entry(waker), 4 * MS);
    }
    Waker failing =
        () -> {
          throw new IllegalStateException("boom");
        };
    WheelEntry bad = new WheelEntry();
    bad.setWaker(failing);
    wheel.register(bad, 4 * MS);
    assertThatThrownBy(() -> wheel.advanceTo(4 * MS)).hasMessage("boom");
    assertThat(wakers).allSatisfy(waker -> assertThat(waker.wakes()).isEqualTo(1));
    assertThat(wheel.size()).isZero();
  }

  @Test
  void firingMoreThanOneBatchWakesEveryone() {
    List<CountingWaker> wakers = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      CountingWaker waker = new CountingWaker();
      wakers.add(waker);
      wheel.register(entry(waker), (1 + i % 3) * MS);
    }
    wheel.register(entry(new CountingWaker()), 4 * MS);
    assertThat(wheel.advanceTo(3 * MS)).isEqualTo(1_000);
    assertThat(wakers).allSatisfy(waker -> assertThat(waker.wakes()).isEqualTo(1));
    assertThat(wheel.size()).isEqualTo(1);
    wheel.verify();
  }

  @Test
  void anEntryNotMadeByATimerWheelIsRefused() {
    TimerEntry foreign =
        new TimerEntry() {
          @Override
          public void setWaker(Waker waker) {}

          @Override
          public Waker waker() {
            return null;
          }

          @Override
          public boolean isElapsed() {
            return false;
          }

          @Override
          public boolean isRegistered() {
            return false;
          }
        };

    assertThatThrownBy(() -> wheel.register(foreign, 4 * MS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Timer.newEntry()");
    assertThatThrownBy(() -> wheel.cancel(foreign)).isInstanceOf(IllegalArgumentException.class);
    assertThat(wheel.newEntry()).isInstanceOf(WheelEntry.class);
  }

  private static WheelEntry entry(Waker waker) {
    WheelEntry entry = new WheelEntry();
    entry.setWaker(waker);
    return entry;
  }
}
