package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.testkit.ConformanceFutures.Gate;
import dev.gearbox.testkit.ConformanceFutures.YieldForever;
import dev.gearbox.testkit.TimeFutures.ObservedSleep;
import dev.gearbox.time.Clock;
import dev.gearbox.time.Time;
import dev.gearbox.time.TimedOutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: timers on the runtime's real clock fire in deadline order, never early and not very
 * late, in tasks and in {@code blockOn}, even while other tasks keep the runtime busy; timeouts
 * complete in time or fail naming their duration.
 */
public interface TimerConformance extends ConformanceFixture {

  /**
   * How late a timer may complete and still pass: generous, since a test machine may be loaded. A
   * runtime that fires timers only when something else wakes it fails by far more.
   */
  Duration LATENESS_BOUND = Duration.ofMillis(500);

  /**
   * 100 sleeps of 1 to 50 ms (seeded): each thread that fires timers fires them in deadline order
   * (at the timer wheel's 1 ms resolution), none completes before its deadline, none later than
   * {@link #LATENESS_BOUND} after it. The order is checked per firing thread: a wheel wakes what is
   * due outside its lock, so two workers that each took a batch may interleave their wakes.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void sleepsFireInDeadlineOrderNeverEarlyNorVeryLate() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Runtime runtime = runtime();
    AtomicInteger fireSequence = new AtomicInteger();
    List<ObservedSleep> sleeps = new ArrayList<>();
    List<JoinHandle<Void>> handles = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ObservedSleep sleep =
          new ObservedSleep(Duration.ofMillis(1 + random.nextInt(50)), fireSequence);
      sleeps.add(sleep);
      handles.add(runtime.spawn(sleep));
    }
    for (JoinHandle<Void> handle : handles) {
      handle.join(WAIT);
    }
    String context = "seed " + seed;
    for (ObservedSleep sleep : sleeps) {
      long late = Clock.nanosBetween(sleep.deadlineNanos, sleep.completedAtNanos);
      assertThat(late).as("lateness in ns (negative: early), %s", context).isNotNegative();
      assertThat(Duration.ofNanos(late)).as("lateness, %s", context).isLessThan(LATENESS_BOUND);
      assertThat(sleep.firedAs).as("the timer fired, %s", context).isNotNegative();
    }
    Map<Thread, List<ObservedSleep>> byThread =
        sleeps.stream().collect(Collectors.groupingBy(sleep -> sleep.firedBy));
    long resolution = Duration.ofMillis(1).toNanos();
    for (Map.Entry<Thread, List<ObservedSleep>> fired : byThread.entrySet()) {
      List<ObservedSleep> byFiring =
          fired.getValue().stream()
              .sorted(Comparator.comparingInt(sleep -> sleep.firedAs))
              .toList();
      for (int i = 1; i < byFiring.size(); i++) {
        long previous = byFiring.get(i - 1).deadlineNanos;
        long next = byFiring.get(i).deadlineNanos;
        assertThat(Clock.nanosBetween(next, previous))
            .as(
                "timer fired by %s before one of an earlier deadline (ns apart), %s",
                fired.getKey().getName(), context)
            .isLessThanOrEqualTo(resolution);
      }
    }
  }

  /**
   * The future given to {@code blockOn} can sleep: the calling thread drives the timers.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void blockOnCanSleep() throws Exception {
    Runtime runtime = runtime();
    long start = runtime.clock().nanoTime();
    long end =
        runtime.blockOn(Time.sleep(Duration.ofMillis(20)).andThen(TimeFutures.clockReading()));
    assertThat(Duration.ofNanos(end - start)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
  }

  /**
   * Timers fire while tasks that always yield keep every worker busy: a busy runtime still looks at
   * its timers regularly.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void timersFireWhileEveryWorkerIsBusy() throws Exception {
    Runtime runtime = runtime();
    List<YieldForever> spinners = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      YieldForever spinner = new YieldForever();
      spinners.add(spinner);
      runtime.spawn(spinner);
    }
    for (YieldForever spinner : spinners) {
      Await.until(WAIT, () -> spinner.polls.get() > 10, "the yielding tasks to run");
    }
    try {
      ObservedSleep sleep = new ObservedSleep(Duration.ofMillis(10), new AtomicInteger());
      runtime.spawn(sleep).join(WAIT);
      assertThat(sleep.completedAtNanos).isGreaterThanOrEqualTo(sleep.deadlineNanos);
    } finally {
      spinners.forEach(spinner -> spinner.stop.set(true));
    }
  }

  /**
   * A timeout whose future completes first completes with its output; its timer is released.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void timeoutCompletesWithTheFutureInTime() throws Exception {
    JoinHandle<String> handle =
        runtime()
            .spawn(
                Time.timeout(
                    Time.sleep(Duration.ofMillis(5)).map(ignored -> "in time"),
                    Duration.ofSeconds(10)));
    assertThat(handle.join(WAIT)).isEqualTo("in time");
  }

  /**
   * A timeout whose future is late fails with {@link TimedOutException} naming the duration, not
   * before it, and drops the late future once.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void timeoutFailsLateFutureNamingTheDuration() throws Exception {
    Runtime runtime = runtime();
    Gate late = new Gate();
    long start = runtime.clock().nanoTime();
    JoinHandle<String> handle = runtime.spawn(Time.timeout(late, Duration.ofMillis(50)));
    JoinException failure = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
    long elapsed = runtime.clock().nanoTime() - start;
    assertThat(failure).isNotNull();
    assertThat(failure.getCause())
        .isInstanceOf(TimedOutException.class)
        .hasMessage("timed out after PT0.05S");
    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
    assertThat(late.drops.get()).as("drops of the late future").isEqualTo(1);
    assertThat(runtime.blockOn(Time.timeout(Futures.ready("ready"), Duration.ZERO)))
        .as("a ready future wins even a zero timeout")
        .isEqualTo("ready");
  }
}
