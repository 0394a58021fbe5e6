package dev.gearbox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gearbox.future.Future;
import dev.gearbox.future.Poll;
import dev.gearbox.runtime.JoinHandle;
import dev.gearbox.runtime.Runtime;
import dev.gearbox.runtime.RuntimeConfig;
import dev.gearbox.runtime.Runtimes;
import dev.gearbox.spi.sched.CoopBudget;
import dev.gearbox.time.Time;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/**
 * Conformance: the I/O and time futures spend the cooperative budget when they complete without
 * waiting, so a task that loops inside one poll over futures that are always ready (a socket at end
 * of stream, a sleep of zero) yields now and then, and a neighbour task on the same single worker
 * runs.
 */
public interface BudgetConformance extends ConformanceFixture {

  /** The configuration key of the number of worker threads, where a runtime has one. */
  String WORKERS_KEY = "gearbox.workers";

  /**
   * A task reading in a loop from a socket whose peer shut its output (every read is ready at once,
   * with end of stream) is polled again and again, and a task spawned beside it on a runtime with
   * one worker completes.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aTaskReadingAnAlwaysReadySocketLetsItsNeighbourRun() throws Exception {
    try (Runtime runtime = createOneWorkerRuntime()) {
      BudgetFutures.Ended ended = runtime.blockOn(BudgetFutures.endedStream());
      try {
        ByteBuffer buffer = ByteBuffer.allocate(16);
        assertALoopLetsItsNeighbourRun(runtime, () -> ended.reader().read(buffer));
      } finally {
        ended.reader().close();
        ended.writer().close();
      }
    }
  }

  /**
   * A task awaiting {@code sleep(0)} in a loop (each completes at once) is polled again and again,
   * and a task spawned beside it on a runtime with one worker completes.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aTaskLoopingOnADueSleepLetsItsNeighbourRun() throws Exception {
    try (Runtime runtime = createOneWorkerRuntime()) {
      assertALoopLetsItsNeighbourRun(runtime, () -> Time.sleep(Duration.ZERO));
    }
  }

  /**
   * A task's poll and a {@code blockOn} poll each start with {@link CoopBudget#PER_POLL} units of
   * budget, on every runtime, so a future yields after the same work wherever it runs.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void everyPollStartsWithTheSharedBudget() throws Exception {
    JoinHandle<Integer> task = runtime().spawn(cx -> Poll.ready(BudgetFutures.unitsGranted(cx)));
    assertThat(task.join(WAIT)).as("units granted to a task's poll").isEqualTo(CoopBudget.PER_POLL);
    int blockOnUnits = runtime().blockOn(cx -> Poll.ready(BudgetFutures.unitsGranted(cx)));
    assertThat(blockOnUnits).as("units granted to a blockOn poll").isEqualTo(CoopBudget.PER_POLL);
  }

  /**
   * A {@code Futures.loop} over always-ready bodies spends the polling task's budget: one poll runs
   * its first iteration and one more per unit, then yields, in a task and in {@code blockOn} alike.
   * The loop makes the next body as soon as an iteration completes, hence two more bodies than
   * units.
   *
   * @throws Exception if the test is interrupted or a check fails unexpectedly
   */
  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  default void aReadyLoopYieldsOnceThePollsBudgetIsSpent() throws Exception {
    JoinHandle<Integer> task = runtime().spawn(cx -> Poll.ready(BudgetFutures.readyLoopBodies(cx)));
    assertThat(task.join(WAIT)).as("bodies of a loop in a task").isEqualTo(CoopBudget.PER_POLL + 2);
    int blockOnBodies = runtime().blockOn(cx -> Poll.ready(BudgetFutures.readyLoopBodies(cx)));
    assertThat(blockOnBodies).as("bodies of a loop in blockOn").isEqualTo(CoopBudget.PER_POLL + 2);
  }

  /**
   * A new runtime of the kind under test with one worker thread, where its kind has the key {@value
   * #WORKERS_KEY}; otherwise (a kind with one thread, such as {@code embedded} or {@code
   * simulated}) as configured. The caller shuts it down.
   *
   * @return the runtime
   */
  private Runtime createOneWorkerRuntime() {
    String kind = runtime().kind();
    boolean hasWorkers =
        Runtimes.provider(RuntimeConfig.of(Map.of(RuntimeConfig.RUNTIME_KEY, kind)))
            .configKeys()
            .stream()
            .anyMatch(key -> key.name().equals(WORKERS_KEY));
    return hasWorkers ? createRuntime(Map.of(WORKERS_KEY, "1")) : createRuntime();
  }

  private static void assertALoopLetsItsNeighbourRun(Runtime runtime, Supplier<Future<?>> step)
      throws Exception {
    BudgetFutures.ReadyLoop loop = new BudgetFutures.ReadyLoop(step);
    JoinHandle<Long> looping = runtime.spawn(loop);
    try {
      Await.until(WAIT, () -> loop.completions.get() > 0, "the loop to run");
      JoinHandle<String> neighbour = runtime.spawn(cx -> Poll.ready("ran"));
      assertThat(neighbour.join(WAIT)).isEqualTo("ran");
      Await.until(WAIT, () -> loop.polls.get() > 1, "the looping task to be polled again");
    } finally {
      loop.stop.set(true);
    }
    assertThat(looping.join(WAIT)).isPositive();
  }
}
