package dev.gearbox.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Future;
import dev.gearbox.time.driver.TimerDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A paused clock jumped by a single-thread executor loop to the wheel's next deadline whenever
 * every task waits, as a runtime built with a paused clock will do: sleeps of an hour and of years
 * complete at once, each at exactly its deadline.
 */
class AutoAdvanceTest {
  private final PausedClock clock = new PausedClock();
  private final TimerDriver wheel = TimerDriver.wheel(clock);

  /** A task of the loop: its future, whether it was woken, and the clock when it completed. */
  private static final class TestTask {
    final Future<Void> future;
    final AtomicBoolean woken = new AtomicBoolean(true);
    Duration completedAt;

    TestTask(Future<Void> future) {
      this.future = future;
    }
  }

  @Test
  void everySleepCompletesAtExactlyItsDeadline() throws Exception {
    List<Duration> delays =
        List.of(
            Duration.ofDays(3 * 365),
            Duration.ofMillis(100),
            Duration.ofHours(1),
            Duration.ofMillis(64),
            Duration.ofSeconds(5),
            Duration.ofMillis(100));
    List<TestTask> tasks = new ArrayList<>();
    for (Duration delay : delays) {
      tasks.add(new TestTask(Time.sleep(delay)));
    }

    int jumps = run(tasks);

    for (int i = 0; i < delays.size(); i++) {
      assertThat(tasks.get(i).completedAt)
          .as("sleep of %s", delays.get(i))
          .isEqualTo(delays.get(i));
    }
    assertThat(clock.now()).isEqualTo(Duration.ofDays(3 * 365));
    assertThat(jumps)
        .as("jumps: one per distinct deadline, plus early ones per level")
        .isBetween(5, 40);
  }

  @Test
  void nothingToWaitForIsReportedNotSkipped() {
    assertThat(wheel.nextDeadline()).isEqualTo(TimerDriver.NO_DEADLINE);
    assertThat(clock.autoAdvanceTo(wheel.nextDeadline())).isFalse();
    assertThat(clock.nanoTime()).isZero();
  }

  /** Polls woken tasks; when none is runnable, fires timers, else jumps the clock. */
  private int run(List<TestTask> tasks) throws Exception {
    int jumps = 0;
    int done = 0;
    while (done < tasks.size()) {
      boolean polled = false;
      for (TestTask task : tasks) {
        if (task.completedAt == null && task.woken.getAndSet(false)) {
          polled = true;
          if (task.future.poll(new TimerContext(() -> task.woken.set(true), wheel)).isReady()) {
            task.completedAt = clock.now();
            done++;
          }
        }
      }
      if (!polled && wheel.advance() == 0) {
        assertThat(clock.autoAdvanceTo(wheel.nextDeadline())).as("deadlock: no timer").isTrue();
        jumps++;
      }
    }
    return jumps;
  }
}
