package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gearbox.future.Futures;
import dev.gearbox.runtime.JoinException;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: {@link Futures#yieldNow()} gives way to the other ready tasks and to timers, and a
 * yielding task is never lost, whether the runtime defers its wake (work-stealing) or queues it at
 * once: it completes, it can be aborted, and shutdown cancels it.
 */
public interface YieldConformance extends ConformanceFixture {

  /**
   * A task that spawns ready tasks and then yields is polled again only after some of them ran (a
   * thief may take some to another worker, never all that are ahead of the yielder).
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aYieldLetsOtherReadyTasksRunFirst() throws Exception {
    Runtime runtime = runtime();
    for (int round = 0; round < 20; round++) {
      int ranBefore = runtime.spawn(new YieldFutures.SpawnThenYield(runtime, 8)).join(WAIT);
      assertThat(ranBefore)
          .as("ready tasks polled before the yielder, round %d", round)
          .isPositive();
    }
  }

  /**
   * One hundred thousand yields in a loop complete, in a spawned task and in {@code blockOn} on a
   * foreign thread (where a deferred wake falls back to an immediate one).
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aHundredThousandYieldsComplete() throws Exception {
    int yields = 100_000;
    AtomicInteger done = new AtomicInteger();
    JoinHandle<Void> spawned =
        runtime()
            .spawn(
                Futures.repeat(
                    yields, i -> Futures.yieldNow().map(ignored -> done.incrementAndGet())));
    spawned.join(WAIT);
    assertThat(done.get()).isEqualTo(yields);
    runtime()
        .blockOn(
            Futures.repeat(yields, i -> Futures.yieldNow().map(ignored -> done.incrementAndGet())));
    assertThat(done.get()).isEqualTo(2 * yields);
  }

  /**
   * Shutdown while tasks yield in a loop completes every handle as cancelled and drops each future
   * once: a yield held back by the runtime is not lost.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void shutdownCancelsYieldingTasks() throws Exception {
    Runtime runtime = createRuntime();
    List<YieldFutures.Yielder> yielders = new ArrayList<>();
    List<JoinHandle<Long>> handles = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        YieldFutures.Yielder yielder = new YieldFutures.Yielder();
        yielders.add(yielder);
        handles.add(runtime.spawn(yielder));
      }
      for (YieldFutures.Yielder yielder : yielders) {
        Await.until(WAIT, () -> yielder.polls.get() > 10, "a yielder polled more than 10 times");
      }
    } finally {
      assertThat(runtime.shutdown(WAIT)).as("terminated within %s", WAIT).isTrue();
    }
    for (int i = 0; i < handles.size(); i++) {
      JoinHandle<Long> handle = handles.get(i);
      JoinException cancelled = catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
      assertThat(cancelled).as("join of yielder %d", i).isNotNull();
      assertThat(cancelled.isCancelled()).isTrue();
      assertThat(yielders.get(i).drops.get()).as("drops of yielder %d", i).isEqualTo(1);
    }
  }

  /**
   * Aborting a task that yields in a loop completes its handle as cancelled and drops its future
   * once, while other tasks yield too.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void abortOfAYieldingTask() throws Exception {
    YieldFutures.Yielder other = new YieldFutures.Yielder();
    JoinHandle<Long> otherHandle = runtime().spawn(other);
    try {
      for (int round = 0; round < 20; round++) {
        YieldFutures.Yielder yielder = new YieldFutures.Yielder();
        JoinHandle<Long> handle = runtime().spawn(yielder);
        Await.until(WAIT, () -> yielder.polls.get() > 3, "the yielder polled more than 3 times");
        handle.abort();
        JoinException cancelled =
            catchThrowableOfType(JoinException.class, () -> handle.join(WAIT));
        assertThat(cancelled).as("join of the aborted yielder, round %d", round).isNotNull();
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(yielder.drops.get()).isEqualTo(1);
      }
    } finally {
      other.stop.set(true);
    }
    assertThat(otherHandle.join(WAIT)).isPositive();
  }

  /**
   * A one-millisecond sleep fires while other tasks, one more than a runtime of four workers has,
   * yield forever: yielding never starves the timers.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 30, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aYieldingTaskDoesNotStarveTimers() throws Exception {
    List<YieldFutures.Yielder> yielders = new ArrayList<>();
    List<JoinHandle<Long>> handles = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      YieldFutures.Yielder yielder = new YieldFutures.Yielder();
      yielders.add(yielder);
      handles.add(runtime().spawn(yielder));
    }
    try {
      for (YieldFutures.Yielder yielder : yielders) {
        Await.until(WAIT, () -> yielder.polls.get() > 10, "a yielder polled more than 10 times");
      }
      for (int round = 0; round < 10; round++) {
        JoinHandle<Void> sleeper = runtime().spawn(Time.sleep(Duration.ofMillis(1)));
        sleeper.join(WAIT);
      }
    } finally {
      yielders.forEach(yielder -> yielder.stop.set(true));
    }
    for (JoinHandle<Long> handle : handles) {
      assertThat(handle.join(WAIT)).isPositive();
    }
  }
}
