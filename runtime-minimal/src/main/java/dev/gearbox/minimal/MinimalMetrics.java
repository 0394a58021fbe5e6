package dev.gearbox.minimal;

import dev.gearbox.runtime.Metric;
import dev.gearbox.spi.BlockingPool;
import dev.gearbox.spi.MetricTable;
import dev.gearbox.spi.RuntimeDriver;
import dev.gearbox.spi.UnjoinedFailures;
import java.util.function.IntSupplier;

/**
 * The live metrics of a {@link MinimalRuntime}: the shared metrics, then its extras. Counters are
 * the executor's {@code LongAdder}s, to which each runner adds its per-poll counts in batches (see
 * Runner's notes); gauges are read from the queues and the driver.
 */
final class MinimalMetrics extends MetricTable {
  private static final String KIND = MinimalRuntimeProvider.KIND;

  static final Metric RUNNERS =
      Metric.gauge(
          KIND + ".runners",
          "threads",
          "threads running the executor now, callers of blockOn included");
  static final Metric SLEEPING_RUNNERS =
      Metric.gauge(KIND + ".runners.sleeping", "threads", "runners asleep for lack of work");

  /**
   * Declares the table.
   *
   * @param startedWorkers the runner threads started so far: 0 before the first spawn, then the
   *     configured count
   */
  MinimalMetrics(
      SharedExecutor executor,
      BlockingPool blocking,
      RuntimeDriver driver,
      IntSupplier startedWorkers,
      UnjoinedFailures failures) {
    super(declare(executor.state(), blocking, driver, startedWorkers, failures));
  }

  private static Builder declare(
      ExecutorState state,
      BlockingPool blocking,
      RuntimeDriver driver,
      IntSupplier startedWorkers,
      UnjoinedFailures failures) {
    return MetricTable.builder(KIND)
        .add(Metric.WORKERS, startedWorkers::getAsInt)
        .add(Metric.TASKS_ALIVE, () -> state.aliveTasks() + blocking.aliveTasks())
        .add(Metric.TASKS_SPAWNED, () -> state.spawnedTasks() + blocking.spawnedTasks())
        .add(Metric.POLLS, state.polls::sum)
        .add(Metric.STEALS, state.steals::sum)
        .add(Metric.GLOBAL_QUEUE_DEPTH, state.global::depth)
        .add(Metric.LOCAL_QUEUE_DEPTH, () -> localDepth(state))
        .add(Metric.PARKS, state.parks::sum)
        .add(Metric.BLOCKING_THREADS, blocking::threads)
        .add(Metric.BLOCKING_QUEUE_DEPTH, blocking::queueDepth)
        .add(Metric.TIMERS_PENDING, driver::pendingTimers)
        .add(Metric.IO_REGISTRATIONS, driver::ioRegistrations)
        .add(Metric.UNJOINED_FAILURES, failures::count)
        .add(Metric.SLOW_POLLS, state.slowPolls::sum)
        .add(RUNNERS, () -> state.runners().length)
        .add(SLEEPING_RUNNERS, state.idle::count);
  }

  private static long localDepth(ExecutorState state) {
    long total = 0;
    for (Runner runner : state.runners()) {
      total += runner.localQueue().len();
    }
    return total;
  }
}
