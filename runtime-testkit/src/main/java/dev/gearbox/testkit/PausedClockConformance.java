package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Future;
import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.Task;
import dev.gearbox.testkit.ConformanceFutures.YieldForever;
import dev.gearbox.testkit.TimeFutures.ObservedSleep;
import dev.gearbox.time.Interval;
import dev.gearbox.time.MissedTickBehavior;
import dev.gearbox.time.PausedClock;
import dev.gearbox.time.Time;
import dev.gearbox.time.TimedOutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: a runtime whose clock starts paused ({@link #TIME_PAUSED_KEY}) moves time to the
 * next timer when every task waits (Tokio's {@code start_paused}), never while a task can run, and
 * fires the timers that a foreign thread's {@link PausedClock#advance} made due.
 */
public interface PausedClockConformance extends ConformanceFixture {

  /**
   * An hour of timers (60 sleeps of 1 to 60 minutes) completes without real waiting, each at a
   * reading at or after its deadline, and the clock ends an hour on.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void anHourOfTimersRunsAtOnce() throws Exception {
    Runtime runtime = pausedRuntime();
    assertThat(runtime.clock()).isInstanceOf(PausedClock.class);
    long start = runtime.clock().nanoTime();
    AtomicInteger fireSequence = new AtomicInteger();
    List<ObservedSleep> sleeps = new ArrayList<>();
    for (int minutes = 60; minutes >= 1; minutes--) {
      sleeps.add(new ObservedSleep(Duration.ofMinutes(minutes), fireSequence));
    }
    // One task spawns them all, so all start at the same reading: no jump while it runs.
    runtime
        .spawn(
            Futures.lazy(() -> sleeps.stream().map(Task::spawn).toList()).flatMap(Futures::joinAll))
        .join(WAIT);
    for (ObservedSleep sleep : sleeps) {
      assertThat(sleep.completedAtNanos).isGreaterThanOrEqualTo(sleep.deadlineNanos);
      assertThat(sleep.firedAs).isEqualTo(sleeps.size() - 1 - sleeps.indexOf(sleep));
    }
    assertThat(Duration.ofNanos(runtime.clock().nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofHours(1))
        .isLessThan(Duration.ofHours(1).plusSeconds(1));
  }

  /**
   * {@code blockOn} of an hour's sleep returns at once, an hour later on the clock.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockOnSleepsAnHourAtOnce() throws Exception {
    Runtime runtime = pausedRuntime();
    long start = runtime.clock().nanoTime();
    long end = runtime.blockOn(Time.sleep(Duration.ofHours(1)).andThen(TimeFutures.clockReading()));
    assertThat(Duration.ofNanos(end - start)).isEqualTo(Duration.ofHours(1));
  }

  /**
   * A sleep too long for the clock to represent ({@code Long.MAX_VALUE} seconds) never fires and
   * never draws the clock to it: sleeps of 100 ms beside it and after it take exactly 100 ms of
   * clock time each, and the long one stays pending until it is aborted.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aSleepBeyondTheClocksRangeNeverFiresNorBreaksLaterTimers() throws Exception {
    Runtime runtime = pausedRuntime();
    long start = runtime.clock().nanoTime();
    ObservedSleep forever =
        new ObservedSleep(Duration.ofSeconds(Long.MAX_VALUE), new AtomicInteger());
    JoinHandle<Void> foreverHandle = runtime.spawn(forever);
    Await.until(WAIT, () -> forever.deadlineNanos != 0, "the long sleep to be polled");
    Duration hundredMillis = Duration.ofMillis(100);
    for (int round = 1; round <= 2; round++) {
      long slept =
          runtime
              .spawn(
                  TimeFutures.clockReading()
                      .flatMap(
                          before ->
                              Time.sleep(hundredMillis)
                                  .andThen(TimeFutures.clockReading())
                                  .map(after -> after - before)))
              .join(WAIT);
      assertThat(Duration.ofNanos(slept)).as("sleep %d", round).isEqualTo(hundredMillis);
      assertThat(Duration.ofNanos(runtime.clock().nanoTime() - start))
          .as("the clock after sleep %d", round)
          .isEqualTo(hundredMillis.multipliedBy(round));
    }
    assertThat(foreverHandle.isFinished()).as("the long sleep finished").isFalse();
    foreverHandle.abort();
    JoinException aborted =
        catchThrowableOfType(JoinException.class, () -> foreverHandle.join(WAIT));
    assertThat(aborted).isNotNull();
    assertThat(aborted.isCancelled()).isTrue();
  }

  /**
   * A timeout of a day on a future that never completes fails at once, naming the day.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void timeoutOfADayFailsAtOnce() throws Exception {
    JoinHandle<Object> handle =
        pausedRuntime().spawn(Time.timeout(Futures.pending(), Duration.ofDays(1)));
    JoinException failure = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
    assertThat(failure).isNotNull();
    assertThat(failure.getCause())
        .isInstanceOf(TimedOutException.class)
        .hasMessage("timed out after PT24H");
  }

  /**
   * While a task can run the clock stands still; an advance by hand from a foreign thread fires the
   * timers it made due, and only those.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void advanceByHandFromAForeignThreadFiresDueTimers() throws Exception {
    Runtime runtime = pausedRuntime();
    PausedClock clock = (PausedClock) runtime.clock();
    YieldForever busy = new YieldForever(); // keeps a task runnable: no automatic advance
    JoinHandle<Long> spinning = runtime.spawn(busy);
    Await.until(WAIT, () -> busy.polls.get() > 10, "the yielding task to run");
    ObservedSleep soon = new ObservedSleep(Duration.ofSeconds(10), new AtomicInteger());
    ObservedSleep later = new ObservedSleep(Duration.ofSeconds(30), new AtomicInteger());
    JoinHandle<Void> soonHandle = runtime.spawn(soon);
    JoinHandle<Void> laterHandle = runtime.spawn(later);
    Await.until(WAIT, () -> soon.deadlineNanos > 0 && later.deadlineNanos > 0, "sleeps polled");
    long start = clock.nanoTime();
    assertThat(soonHandle.isFinished()).isFalse();

    clock.advance(Duration.ofSeconds(10));
    soonHandle.join(WAIT);
    assertThat(soon.completedAtNanos).isEqualTo(start + Duration.ofSeconds(10).toNanos());
    assertThat(laterHandle.isFinished()).as("the 30 s sleep after 10 s").isFalse();
    assertThat(clock.nanoTime())
        .as("no automatic advance while a task runs")
        .isEqualTo(start + Duration.ofSeconds(10).toNanos());

    busy.stop.set(true);
    spinning.join(WAIT);
    laterHandle.join(WAIT); // every task waits now: the clock jumps to it
    assertThat(later.completedAtNanos).isGreaterThanOrEqualTo(later.deadlineNanos);
  }

  /**
   * The three missed-tick behaviours of an interval of 10 ms whose second tick is taken 35 ms late,
   * as {@link MissedTickBehavior} documents them.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void intervalsBurstDelayOrSkipMissedTicks() throws Exception {
    assertThat(ticksAfterALateOne(MissedTickBehavior.BURST))
        .containsExactly(10L, 20L, 30L, 40L, 50L);
    assertThat(ticksAfterALateOne(MissedTickBehavior.DELAY))
        .containsExactly(10L, 55L, 65L, 75L, 85L);
    assertThat(ticksAfterALateOne(MissedTickBehavior.SKIP))
        .containsExactly(10L, 50L, 60L, 70L, 80L);
  }

  /**
   * On a paused runtime, ticks an interval of 10 ms once, moves the clock 45 ms by hand, then takes
   * five ticks; returns their deadlines in ms after the first tick.
   */
  private List<Long> ticksAfterALateOne(MissedTickBehavior behavior) throws Exception {
    Runtime runtime = pausedRuntime();
    PausedClock clock = (PausedClock) runtime.clock();
    Interval interval = Time.interval(Duration.ofMillis(10), behavior);
    List<Long> ticks = new ArrayList<>();
    Future<Void> ticking =
        interval
            .tick()
            .flatMap(
                first -> {
                  clock.advance(Duration.ofMillis(45)); // the task was busy: ticks are missed
                  return Futures.repeat(
                      5,
                      i ->
                          interval
                              .tick()
                              .inspect(deadline -> ticks.add((deadline - first) / 1_000_000)));
                });
    runtime.spawn(ticking).join(WAIT);
    return ticks;
  }
}
